from odoo.tools import SQL


def exists_in(from_clause, table, where_clause, row_id):
    """SQL ``EXISTS``: the record ``row_id`` (SQL of the outer row's
    column) is among the rows of a query, given by its FROM and WHERE
    clauses and ``table``, its main alias.

    A correlated lookup by the record's key: ``row_id IN (subquery)`` under
    an OR (the rules of a user's groups are ORed) makes PostgreSQL hash
    every row of the subquery first.
    """
    return SQL(
        "EXISTS(SELECT 1 FROM %s WHERE %s = %s AND %s)",
        from_clause,
        SQL.identifier(table, "id"),
        row_id,
        where_clause or SQL("TRUE"),
    )
