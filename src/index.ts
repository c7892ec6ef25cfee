/** fairshare's public API: pure computation plus the file-loading edge the CLI uses. */
export { UserError, isUserError, ModelProblems, RuntimeFailure } from './errors.js';
export { allocate } from './formula/allocate.js';
export { findArea } from './formula/find-area.js';
export type { AllocationResult, AreaAllocation, AreaIndicator, IndicatorSummary } from './formula/allocate.js';
export { compileExpression, ALLOWED_FUNCTIONS } from './formula/expression.js';
export { modelColumns } from './formula/columns.js';
export { parseAreaTable, parseNumberCell } from './data/table.js';
export type { AreaTable, TableSpec } from './data/table.js';
export { parseModel, parseOverride } from './model/load.js';
export type { Override } from './model/load.js';
export { ModelSchema } from './model/schema.js';
export type { Model, ModelInput, Indicator, TopSlice, Damping, DampingMethod } from './model/schema.js';
export { modelJsonSchema } from './model/json-schema.js';
export { largestRemainder } from './money/largest-remainder.js';
export { keyOrder } from './data/key-order.js';
export { formatPounds, penceToDecimalPounds, poundsToPence, unitPence } from './money/units.js';
export type { RoundingUnit } from './money/units.js';
export { loadAllocation, runAllocation } from './io/load-allocation.js';
export type { LoadedAllocation } from './io/load-allocation.js';
export { writeFileAtomic, writeFileSet, sha256 } from './io/files.js';
export { workedExample } from './report/worked-example.js';
export type { RunManifest } from './report/manifest.js';

// Results: each kind's published form (JSON, validated on reading), its tables, and the writers.
export { allocationJson } from './results/allocation.js';
export { splitJson } from './results/split.js';
export { optimisationJson } from './results/optimisation.js';
export { comparisonJson } from './results/comparison.js';
export { sensitivityJson } from './results/sensitivity.js';
export { gapJson } from './results/gap.js';
export { readResult, RESULT_SCHEMAS, RESULT_KINDS, nameOf } from './results/index.js';
export type { AnyResultJson, ResultKind, ResultJsonByKind, AllocationJson, SplitJson, OptimisationJson, ComparisonJson, SensitivityJson, GapJson, DataTableJson, Manifest, Names } from './results/index.js';
export { DOCUMENTS, resultDocument } from './report/documents/index.js';
export type { ResultDocument, Table, Column, Row, Fact, Cell, CellKind } from './report/form.js';
export { documentText, layoutTable } from './report/write/text.js';
export { documentCsv, tableCsv, toCsv, neutraliseFormula } from './report/write/csv.js';
export { documentSections, tableHtml } from './report/write/html.js';
export { FORMATS, FORMAT_NAMES, chooseFormat, publish } from './io/outputs.js';
export type { Format } from './io/outputs.js';
export { KINDS, kindOf } from './io/kinds.js';
export type { KindName, ModelKind } from './io/kinds.js';

// Ring-fenced funds: budgets, the split, payment schedules and the cash flow.
export { BudgetSchema } from './funds/schema.js';
export type { Budget, Fund, Fence, Service, Commitment, Payments } from './funds/schema.js';
export { splitBudget, splitFunds } from './funds/split.js';
export type { SplitResult, Pot, ServiceResult, Draw, ResolvedAmounts } from './funds/split.js';
export { cashFlow, scheduleStages, splitPayment, PERIODS } from './funds/payments.js';
export type { CashFlow, CashFlowRow, PaymentLine, Stage } from './funds/payments.js';
export { runBudget } from './io/load-budget.js';
export type { BudgetRun } from './io/load-budget.js';
export { budgetJsonSchema } from './model/json-schema.js';

// Optimisation across priorities, areas, funds and grant rounds.
export { OptimisationSchema } from './optimise/schema.js';
export type { Optimisation, Priority, SpendOption, Segment, GrantRound, Application, Rule, SpendFilter } from './optimise/schema.js';
export { prepare, yearLabel } from './optimise/prepare.js';
export type { Prepared, OptimisationData, NeedRow } from './optimise/prepare.js';
export { buildProgramme } from './optimise/build.js';
export type { Programme, ColumnRole, RowRole, RowKind } from './optimise/build.js';
export { optimisePrepared, optimiseProgramme, FEASIBILITY_TOLERANCE } from './optimise/optimise.js';
export type { OptimiseOptions } from './optimise/optimise.js';
export type { OptimisationResult, SpendLine, AwardLine, PotLine, CommitmentLine } from './optimise/result.js';
export type { Binding } from './optimise/shadow-prices.js';
export { LpBuilder, violations, largestBreach, lpName } from './optimise/lp.js';
export type { LinearProgram, LpColumn, LpRow, Violation } from './optimise/lp.js';
export { engine, ENGINES } from './optimise/engines/index.js';
export type { EngineName, LpSolution, LpStatus, SolverEngine } from './optimise/engines/index.js';
export { lpText, findConflict } from './optimise/engines/highs.js';
export { loadOptimisation, runOptimisation, optimisationLp } from './io/load-optimisation.js';
export type { LoadedOptimisation, OptimisationManifest } from './io/load-optimisation.js';
export { optimisationJsonSchema } from './model/json-schema.js';
export { mulberry32 } from './stats/random.js';
export { normalSampler } from './stats/normal.js';
export { RandomStream } from './stats/stream.js';
export { gammaVariate } from './stats/gamma.js';
export { dirichletAround } from './stats/dirichlet.js';

// Scenarios, comparisons, sensitivity.
export { ScenarioSchema } from './scenario/schema.js';
export type { Scenario } from './scenario/schema.js';
export { resolveScenario } from './io/scenario.js';
export type { ResolvedModel, ScenarioLink } from './io/scenario.js';
export { compareRuns } from './scenario/compare.js';
export type { Comparable, Comparison, ComparisonLine, ScenarioSummary, LineUnit } from './scenario/compare.js';
export { comparableRun } from './io/runs.js';
export { sensitivity } from './scenario/sensitivity.js';
export type { SensitivityOptions, SensitivityResult, AreaSensitivity, TornadoBar, Percentiles } from './scenario/sensitivity.js';
export { compileFormula, runFormula } from './formula/allocate.js';
export type { CompiledFormula, FormulaRun } from './formula/allocate.js';
export { Workspace } from './formula/workspace.js';
export { scenarioJsonSchema } from './model/json-schema.js';

// Gap analysis.
export { NeedsSchema } from './gap/schema.js';
export type { Needs, Need, DemandTerm, Provision } from './gap/schema.js';
export { gapAnalysis, compileDemand, needsColumns } from './gap/gap.js';
export type { GapResult, PriorityGap, AreaGap } from './gap/gap.js';
export { runGap } from './io/load-needs.js';
export type { GapRun } from './io/load-needs.js';
export { needsJsonSchema } from './model/json-schema.js';

// Multi-year settlements, streams, change receipts and checks against a published table.
export { SettlementSchema } from './settlement/schema.js';
export type { Settlement, SettlementYear } from './settlement/schema.js';
export { settle, financialYear } from './settlement/settle.js';
export type { SettlementResult, SettledYear, SettlementYearInput } from './settlement/settle.js';
export { settlementJson } from './results/settlement.js';
export type { SettlementJson } from './results/settlement.js';
export { runSettlement } from './io/load-settlement.js';
export type { SettlementRun } from './io/load-settlement.js';
export { allocateStreams } from './formula/streams.js';
export type { StreamResult } from './formula/streams.js';
export type { Stream } from './model/schema.js';
export { floorInWords } from './formula/damping/floor-scale.js';
export { changeReceipt, factorName, roundToTotal } from './receipts/receipt.js';
export type { Receipt, AreaReceipt } from './receipts/receipt.js';
export type { RunSpec } from './receipts/spec.js';
export { changeBetween, runSpec } from './results/change.js';
export type { ChangeJson } from './results/change.js';
export { checkAgainst } from './check/check.js';
export type { CheckResult, CheckedArea, PublishedRow } from './check/check.js';
export { checkJson } from './results/check.js';
export type { CheckJson } from './results/check.js';
