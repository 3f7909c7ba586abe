"""Analytic hierarchy process: weights from a pairwise matrix, and its consistency."""

from __future__ import annotations

from capassess.records import record

# Random consistency indices for n = 1..15.
RI_TABLES: dict[str, tuple[float, ...]] = {
    # Saaty (1980), The Analytic Hierarchy Process; the classic table.
    "saaty1980": (
        0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59,
    ),
    # Alonso & Lamata (2006), from 100,000 random matrices per n.
    "alonso-lamata2006": (
        0, 0, 0.5245, 0.8815, 1.1086, 1.2479, 1.3417, 1.4056, 1.4499, 1.4854,
        1.5141, 1.5365, 1.5551, 1.5713, 1.5838,
    ),
}  # fmt: skip
DEFAULT_RI = "saaty1980"
CR_LIMIT = 0.10
RECIPROCAL_TOLERANCE = 0.02


@record
class AhpResult:
    """Weights and consistency of one pairwise matrix."""

    weights: tuple[float, ...]
    lambda_max: float
    ci: float
    ri: float
    cr: float
    limit: float

    @property
    def consistent(self) -> bool:
        """True if the consistency ratio is below its limit."""
        return self.cr < self.limit


def principal_eigenvector(matrix: list[list[float]], tol: float = 1e-12) -> list[float]:
    """Return the normalised principal eigenvector by power iteration."""
    n = len(matrix)
    w = [1.0 / n] * n
    for _ in range(10_000):
        nxt = [sum(matrix[i][j] * w[j] for j in range(n)) for i in range(n)]
        total = sum(nxt)
        nxt = [x / total for x in nxt]
        if max(abs(a - b) for a, b in zip(nxt, w, strict=False)) < tol:
            return nxt
        w = nxt
    return w


def reciprocity_problems(matrix: list[list[float]]) -> list[str]:
    """Describe entries that break a_ii = 1 or a_ij * a_ji = 1."""
    problems = []
    n = len(matrix)
    for i in range(n):
        if abs(matrix[i][i] - 1) > 1e-9:
            problems.append(f"diagonal entry ({i + 1},{i + 1}) is {matrix[i][i]:g}, not 1")
        for j in range(i + 1, n):
            product = matrix[i][j] * matrix[j][i]
            if abs(product - 1) > RECIPROCAL_TOLERANCE:
                problems.append(
                    f"entries ({i + 1},{j + 1})={matrix[i][j]:.4g} and ({j + 1},{i + 1})="
                    f"{matrix[j][i]:.4g} are not reciprocal"
                )
    return problems


def analyse_matrix(
    matrix: list[list[float]], *, ri_table: str = DEFAULT_RI, accept_cr: float | None = None
) -> AhpResult:
    """Compute weights, lambda_max, CI, RI and CR of a positive reciprocal matrix."""
    n = len(matrix)
    if n > len(RI_TABLES[ri_table]):
        raise ValueError(f"AHP supports at most {len(RI_TABLES[ri_table])} items, got {n}")
    w = principal_eigenvector(matrix)
    aw = [sum(matrix[i][j] * w[j] for j in range(n)) for i in range(n)]
    lambda_max = sum(aw[i] / w[i] for i in range(n)) / n
    ci = (lambda_max - n) / (n - 1) if n > 2 else 0.0
    ri = RI_TABLES[ri_table][n - 1]
    cr = ci / ri if ri > 0 else 0.0
    return AhpResult(tuple(w), lambda_max, ci, ri, max(cr, 0.0), accept_cr or CR_LIMIT)
