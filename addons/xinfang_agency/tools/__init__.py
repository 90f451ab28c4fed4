from . import gb11643
