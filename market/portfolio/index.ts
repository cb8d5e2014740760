// Risk of one instrument and mean-variance portfolios, from candle closes. Pure; no I/O.
export { betaAgainst, NotEnoughHistoryError, riskMetrics, type Beta, type RiskMetrics, type RiskOptions } from './risk.ts';
export { alignByTime, closeReturns, covariance, covarianceMatrix, mean, stdev, type ClosePoint } from './series.ts';
export { CONFIDENCE_LEVELS, quantile, valueAtRisk, type Confidence, type TailRisk } from './tail.ts';
export { InfeasiblePortfolioError, optimizePortfolio, type OptimizeInput, type OptimizeResult, type PortfolioPoint, type WeightBounds } from './optimize.ts';
export { solveQp, QpError, type QpSolution, type QuadraticProgram } from './qp.ts';
export { SingularMatrixError, solve } from './linalg.ts';
export { BENCHMARK, defaultWindow, isPriced, MIN_RETURNS, periodsPerYear, RISK_TIMEFRAME, type PricedClass } from './periods.ts';
