"""Pure scoring: question scores, models, weights (direct, AHP, entropy) and TOPSIS."""
