import { dot, matVec, maxAbs, SingularMatrixError, solve, type Matrix, type Vector } from './linalg.ts';

/**
 * A convex quadratic programme, small and dense:
 *
 *   minimise ½ xᵀQx + cᵀx   subject to   E x = e,   G x ≥ g
 *
 * Q must be positive definite on the null space of the constraints that end up active (a
 * covariance of assets none of which is a mix of the others is).
 */
export interface QuadraticProgram {
  readonly Q: Matrix;
  readonly c: Vector;
  readonly E: Matrix;
  readonly e: Vector;
  readonly G: Matrix;
  readonly g: Vector;
}

export interface QpSolution {
  readonly x: Vector;
  /** Multipliers of E x = e (any sign): Qx + c = Eᵀν + Gᵀλ at the optimum. */
  readonly nu: Vector;
  /** Multipliers of G x ≥ g, all ≥ 0, zero for a constraint that is not active. */
  readonly lambda: Vector;
  readonly iterations: number;
  /** The inequalities held as equalities at the end (indices into G): a warm start for a neighbouring programme. */
  readonly working: readonly number[];
}

export class QpError extends Error {
  override readonly name = 'QpError';
}

/**
 * The primal active-set method (Nocedal & Wright, Numerical Optimization, algorithm 16.3), from a
 * feasible `x0`. Each iteration solves the equality-constrained problem on the working set (the
 * KKT system, exactly, by elimination), then either steps towards its optimum until a constraint
 * blocks (which joins the working set), or, at that optimum, lets go of the constraint with the
 * most negative multiplier; when none is negative the point is optimal. The answer is exact to
 * rounding, and its multipliers come with it, so the KKT conditions can be checked directly.
 *
 * A blocking constraint is always independent of the working set (it is crossed by a step the
 * working set is blind to), so the KKT matrix stays non-singular; ties go to the lowest index,
 * and an iteration cap guards against cycling on degenerate vertices.
 */
export function solveQp(p: QuadraticProgram, x0: Vector, options: { maxIterations?: number; working?: readonly number[] } = {}): QpSolution {
  const n = x0.length;
  const x = [...x0];
  const maxIterations = options.maxIterations ?? 50 * (n + p.G.length + 1);
  const feasTol = 1e-9 * Math.max(1, maxAbs(p.g), maxAbs(p.e));
  checkFeasible(p, x, feasTol);
  // A warm start keeps the given inequalities that are active at x0 (the caller vouches they are independent).
  const working = (options.working ?? []).filter((j) => Math.abs(dot(p.G[j]!, x) - p.g[j]!) <= feasTol).sort((a, b) => a - b);
  // After a full step x is the working set's optimum: what the next solve calls a step is rounding.
  let atOptimum = false;

  for (let it = 1; it <= maxIterations; it++) {
    const grad = matVec(p.Q, x).map((v, i) => v + p.c[i]!);
    const rows = [...p.E, ...working.map((j) => p.G[j]!)];
    const { step, multipliers } = eqpStep(p.Q, rows, grad);
    const scale = Math.max(1, maxAbs(x));
    if (atOptimum || maxAbs(step) <= 1e-12 * scale) {
      atOptimum = false;
      const lambdaW = multipliers.slice(p.E.length);
      const tol = 1e-12 * Math.max(1, maxAbs(grad));
      let drop = -1;
      for (let k = 0; k < lambdaW.length; k++) if (lambdaW[k]! < -tol && (drop < 0 || lambdaW[k]! < lambdaW[drop]!)) drop = k;
      if (drop < 0) {
        const lambda = new Array<number>(p.G.length).fill(0);
        working.forEach((j, k) => (lambda[j] = Math.max(0, lambdaW[k]!)));
        return { x, nu: multipliers.slice(0, p.E.length), lambda, iterations: it, working: [...working] };
      }
      working.splice(drop, 1);
      continue;
    }
    // The longest step in [0, 1] that keeps every other inequality satisfied.
    let alpha = 1;
    let blocking = -1;
    for (let j = 0; j < p.G.length; j++) {
      if (working.includes(j)) continue;
      const row = p.G[j]!;
      const along = dot(row, step);
      if (!(along < -1e-14 * maxAbs(row) * maxAbs(step))) continue;
      const room = Math.max(0, dot(row, x) - p.g[j]!);
      const a = room / -along;
      if (a < alpha) {
        alpha = a;
        blocking = j;
      }
    }
    for (let i = 0; i < n; i++) x[i]! += alpha * step[i]!;
    if (blocking >= 0) {
      working.push(blocking);
      working.sort((a, b) => a - b);
    } else atOptimum = true;
  }
  throw new QpError(`the quadratic programme did not converge in ${maxIterations} iterations`);
}

/**
 * The step to the optimum of the quadratic over {x + s : A s = 0}, and the multipliers there:
 * [Q  Aᵀ; A  0] [s; −μ] = [−grad; 0]. A row with one non-zero entry (a weight held at its bound)
 * only fixes that variable: it is taken out before the system is solved (the step is 0 there) and
 * its multiplier read off the stationarity residual afterwards, so the system solved is the size
 * of the free variables and the other rows, not of everything. With most weights at a bound that
 * is most of the cost gone.
 */
function eqpStep(Q: Matrix, A: Matrix, grad: Vector): { step: Vector; multipliers: Vector } {
  const n = grad.length;
  const unitVar = A.map((row) => {
    let k = -1;
    for (let i = 0; i < n; i++) {
      if (row[i] === 0) continue;
      if (k >= 0) return -1;
      k = i;
    }
    return k;
  });
  const fixed = new Set<number>();
  for (const k of unitVar) {
    if (k < 0) continue;
    if (fixed.has(k)) throw new SingularMatrixError(`two working constraints fix variable ${k}`);
    fixed.add(k);
  }
  const free: number[] = [];
  for (let i = 0; i < n; i++) if (!fixed.has(i)) free.push(i);
  const general: number[] = [];
  unitVar.forEach((k, r) => k < 0 && general.push(r));
  const f = free.length;
  const m = general.length;
  const step = new Array<number>(n).fill(0);
  const multipliers = new Array<number>(A.length).fill(0);
  if (f + m > 0) {
    const kkt: Matrix = [];
    for (const i of free) kkt.push([...free.map((j) => Q[i]![j]!), ...general.map((r) => A[r]![i]!)]);
    for (const r of general) kkt.push([...free.map((j) => A[r]![j]!), ...new Array<number>(m).fill(0)]);
    const sol = solve(kkt, [...free.map((i) => -grad[i]!), ...new Array<number>(m).fill(0)]);
    free.forEach((i, a) => (step[i] = sol[a]!));
    general.forEach((r, b) => (multipliers[r] = -sol[f + b]!));
  }
  // Stationarity, (Q(x + s) + c) = Aᵀμ, gives each fixing row's multiplier from its variable's residual.
  const residual = matVec(Q, step).map((v, i) => v + grad[i]!);
  for (const r of general) for (let i = 0; i < n; i++) residual[i]! -= multipliers[r]! * A[r]![i]!;
  unitVar.forEach((k, r) => {
    if (k >= 0) multipliers[r] = residual[k]! / A[r]![k]!;
  });
  return { step, multipliers };
}

function checkFeasible(p: QuadraticProgram, x: Vector, tol: number): void {
  p.E.forEach((row, i) => {
    if (Math.abs(dot(row, x) - p.e[i]!) > tol) throw new QpError(`the starting point breaks equality ${i}`);
  });
  p.G.forEach((row, j) => {
    if (dot(row, x) < p.g[j]! - tol) throw new QpError(`the starting point breaks inequality ${j}`);
  });
}
