"""A small QR code reader for the tests: reads a clean, machine-rendered
QR code (an image with no perspective) back into its text.

No decoder library is among the project's dependencies, so the poster test
reads the pixels itself: it finds the symbol and its module size, samples
each module, reads the format information (error correction level and mask
by the BCH code), unmasks the data modules in the standard zigzag order,
de-interleaves the data codewords of the Reed-Solomon blocks and parses the
byte-mode segments. Only the standard's tables (alignment pattern positions,
block structure) are taken from ``qrcode``; nothing is re-encoded. Error
correction is not applied: a clean rendering has no damaged module.
"""

import io

from PIL import Image
from qrcode.base import rs_blocks
from qrcode.util import pattern_position

FORMAT_MASK = 0x5412
FORMAT_GENERATOR = 0b10100110111
MASKS = (
    lambda i, j: (i + j) % 2 == 0,
    lambda i, j: i % 2 == 0,
    lambda i, j: j % 3 == 0,
    lambda i, j: (i + j) % 3 == 0,
    lambda i, j: (i // 2 + j // 3) % 2 == 0,
    lambda i, j: (i * j) % 2 + (i * j) % 3 == 0,
    lambda i, j: ((i * j) % 2 + (i * j) % 3) % 2 == 0,
    lambda i, j: ((i + j) % 2 + (i * j) % 3) % 2 == 0,
)


def _format_code(data):
    value = data << 10
    for shift in range(4, -1, -1):
        if value & (1 << (shift + 10)):
            value ^= FORMAT_GENERATOR << shift
    return ((data << 10) | value) ^ FORMAT_MASK


def _sample(image):
    """The module grid (True = dark) of the QR code in ``image``."""
    gray = image.convert("L")
    width, height = gray.size
    pixels = gray.load()
    dark = [[pixels[x, y] < 128 for x in range(width)] for y in range(height)]
    rows = [y for y in range(height) if any(dark[y])]
    cols = [x for x in range(width) if any(dark[y][x] for y in rows)]
    top, right = rows[0], cols[-1]
    # The top-left finder pattern is 7 modules wide: its first row is dark
    # (read two pixels in, past an anti-aliased edge).
    y = top + 2
    left = dark[y].index(True)
    run = 0
    while dark[y][left + run]:
        run += 1
    module = run / 7
    size = round((right - left + 1) / module)
    size = 17 + 4 * round((size - 17) / 4)
    module = (right - left + 1) / size
    return [
        [dark[int(top + (i + 0.5) * module)][int(left + (j + 0.5) * module)]
         for j in range(size)]
        for i in range(size)
    ]


def _function_modules(size, version):
    """Modules that carry no data: finders, separators, format and
    version information, timing and alignment patterns."""
    used = [[False] * size for _i in range(size)]

    def mark(rows, cols):
        for i in rows:
            for j in cols:
                used[i][j] = True

    mark(range(9), range(9))
    mark(range(9), range(size - 8, size))
    mark(range(size - 8, size), range(9))
    mark([6], range(size))
    mark(range(size), [6])
    centers = pattern_position(version)
    corners = {(centers[0], centers[0]), (centers[0], centers[-1]), (centers[-1], centers[0])}
    for row in centers:
        for col in centers:
            if (row, col) not in corners:  # those would overlap a finder pattern
                mark(range(row - 2, row + 3), range(col - 2, col + 3))
    if version >= 7:
        mark(range(6), range(size - 11, size - 8))
        mark(range(size - 11, size - 8), range(6))
    return used


def _format(grid):
    bits = [grid[8][j] for j in range(6)] + [grid[8][7], grid[8][8], grid[7][8]]
    bits += [grid[i][8] for i in range(5, -1, -1)]
    read = int("".join("1" if bit else "0" for bit in bits), 2)
    data = min(range(32), key=lambda d: bin(_format_code(d) ^ read).count("1"))
    return data >> 3, data & 7  # error correction bits, mask


def decode(png):
    """The text of the QR code in the PNG bytes ``png``."""
    grid = _sample(Image.open(io.BytesIO(png)))
    size = len(grid)
    version = (size - 17) // 4
    error_correction, mask_id = _format(grid)
    mask = MASKS[mask_id]
    used = _function_modules(size, version)
    bits = []
    upward = True
    col = size - 1
    while col > 0:
        if col == 6:
            col -= 1
        for row in (range(size - 1, -1, -1) if upward else range(size)):
            for j in (col, col - 1):
                if not used[row][j]:
                    bits.append(grid[row][j] ^ mask(row, j))
        upward = not upward
        col -= 2
    codewords = [int("".join("1" if b else "0" for b in bits[k:k + 8]), 2)
                 for k in range(0, len(bits) - 7, 8)]
    data = _deinterleave(codewords, rs_blocks(version, error_correction))
    stream = "".join(f"{byte:08b}" for byte in data)
    text = b""
    position = 0
    while position + 4 <= len(stream):
        mode = int(stream[position:position + 4], 2)
        position += 4
        if mode == 0:
            break
        if mode != 0b0100:
            raise ValueError(f"unsupported QR segment mode {mode:04b}")
        count_bits = 8 if version < 10 else 16
        count = int(stream[position:position + count_bits], 2)
        position += count_bits
        text += bytes(int(stream[position + 8 * k:position + 8 * k + 8], 2)
                      for k in range(count))
        position += 8 * count
    return text.decode("utf-8")


def _deinterleave(codewords, blocks):
    """The data codewords of each block, blocks one after the other."""
    per_block = [[] for _block in blocks]
    position = 0
    for index in range(max(block.data_count for block in blocks)):
        for number, block in enumerate(blocks):
            if index < block.data_count:
                per_block[number].append(codewords[position])
                position += 1
    return [byte for block in per_block for byte in block]
