// Small dense linear algebra for the fits: solving normal equations and inverting small matrices.

/** Solves A x = b (A n×n, copied) by Gaussian elimination with partial pivoting; null if singular. */
export function solve(A, b) {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(M[r][col]) > Math.abs(M[pivot][col])) pivot = r;
    if (Math.abs(M[pivot][col]) < 1e-300) return null;
    [M[col], M[pivot]] = [M[pivot], M[col]];
    for (let r = col + 1; r < n; r++) {
      const f = M[r][col] / M[col][col];
      if (f === 0) continue;
      for (let c = col; c <= n; c++) M[r][c] -= f * M[col][c];
    }
  }
  const x = new Array(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r][n];
    for (let c = r + 1; c < n; c++) s -= M[r][c] * x[c];
    x[r] = s / M[r][r];
  }
  return x.every(Number.isFinite) ? x : null;
}

/** Inverse of a small matrix, column by column; null if singular. */
export function invert(A) {
  const n = A.length;
  const cols = [];
  for (let j = 0; j < n; j++) {
    const e = new Array(n).fill(0);
    e[j] = 1;
    const x = solve(A, e);
    if (!x) return null;
    cols.push(x);
  }
  return A.map((_, i) => cols.map((col) => col[i]));
}

/** Weighted linear least squares: minimises Σ w (y − Σ_k x_k f_k)²; rows of `design` are f_k at each point. */
export function weightedLeastSquares(design, y, w) {
  const k = design[0]?.length ?? 0;
  const A = Array.from({ length: k }, () => new Array(k).fill(0));
  const b = new Array(k).fill(0);
  for (let i = 0; i < y.length; i++) {
    const f = design[i];
    for (let p = 0; p < k; p++) {
      if (f[p] === 0) continue;
      b[p] += w[i] * f[p] * y[i];
      for (let q = 0; q < k; q++) A[p][q] += w[i] * f[p] * f[q];
    }
  }
  const x = solve(A, b);
  if (!x) return null;
  let chi2 = 0;
  for (let i = 0; i < y.length; i++) {
    let model = 0;
    for (let p = 0; p < k; p++) model += x[p] * design[i][p];
    chi2 += w[i] * (y[i] - model) ** 2;
  }
  return { x, chi2 };
}
