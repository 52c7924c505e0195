//! Disclosure control: a rewrite of the logical plan that suppresses small
//! cells in every aggregate result.
//!
//! Every `Aggregate` whose input can be traced to patients gets hidden extra
//! aggregates that count the distinct patients of each group, and a
//! projection above it that masks the group's measures (NULL) where fewer
//! than K patients make it up. The group keys stay visible, so a suppressed
//! cell is shown as suppressed rather than silently dropped.
//!
//! Patients are traced by *lineage*: a table column named `patient_pid` is a
//! patient column; it is passed through projections (as a hidden column when
//! the analyst does not select it), joins, filters, sorts and aliases. An
//! aggregate that groups by a patient column (a per-patient subquery such as
//! `SELECT patient_pid, count(*) AS n FROM messages GROUP BY patient_pid`)
//! keeps that column, so an aggregate over it counts the distinct patients
//! exactly. Such a per-patient aggregate is left unmasked only when another
//! aggregate consumes it (then the outer one is checked); when it reaches
//! the result, a join, a window or a subquery it is masked like any other.
//!
//! Any other aggregate also emits a hidden lower bound of its group's
//! patients and a representative patient; an aggregate over such groups
//! counts at least `max(greatest(bound), distinct representatives)` patients,
//! a lower bound, so the check errs on the side of suppression.
//!
//! A measure with `FILTER (WHERE ...)` is checked against the patients its
//! filter keeps, not only its group's. What the check cannot see: a
//! condition hidden inside an aggregate's argument (`sum(CASE WHEN ... THEN
//! 1 ELSE 0 END)`) counts a subset of the group under the group's patient
//! count, and differences between overlapping cells are not checked
//! (secondary suppression); analysts exporting such tables must mind them.
//!
//! An aggregate whose input comes from patient tables but whose patients
//! cannot be traced (for example through a `UNION` that drops
//! `patient_pid`) is refused, as are aggregate window functions over
//! patient rows (`count(*) OVER (PARTITION BY ...)` would be an unchecked
//! GROUP BY).

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use datafusion::common::tree_node::{Transformed, TreeNode, TreeNodeRecursion};
use datafusion::common::{Column, DFSchemaRef, TableReference};
use datafusion::error::{DataFusionError, Result};
use datafusion::functions::core::expr_fn::{greatest, least};
use datafusion::functions_aggregate::expr_fn::{count_distinct, max, min};
use datafusion::logical_expr::expr::WindowFunction;
use datafusion::logical_expr::expr_fn::ExprFunctionExt;
use datafusion::logical_expr::{
    Aggregate, Distinct, Explain, Expr, Join, JoinType, LogicalPlan, Projection, SubqueryAlias,
    Union, Window, WindowFunctionDefinition, lit, when,
};

/// The name of the column patients are traced by.
pub const PATIENT_COLUMN: &str = "patient_pid";

/// Prefix of the hidden columns the rewrite adds.
const HIDDEN: &str = "__veil_dc_";

/// A plan rewritten for disclosure control.
#[derive(Debug, Clone)]
pub struct ControlledPlan {
    /// The rewritten plan. Its first `columns` output columns are the
    /// query's; after them come `columns` boolean columns, one per output
    /// column, true where that column's cell was masked.
    pub plan: LogicalPlan,
    /// Number of the query's own output columns.
    pub columns: usize,
    /// Whether the flag columns follow the query's columns.
    pub has_flags: bool,
}

/// Rewrites `plan` so that every aggregate cell made of fewer than
/// `min_cell` distinct patients is masked.
pub fn control(plan: LogicalPlan, min_cell: u32) -> Result<ControlledPlan> {
    let mut rewriter = Rewriter {
        min_cell: i64::from(min_cell),
        next_id: 0,
    };
    match plan {
        LogicalPlan::Explain(explain) => {
            let inner = rewriter.boundary(Arc::unwrap_or_clone(explain.plan), false)?;
            let plan = LogicalPlan::Explain(Explain {
                plan: Arc::new(inner),
                ..explain
            });
            let columns = plan.schema().fields().len();
            Ok(ControlledPlan {
                plan,
                columns,
                has_flags: false,
            })
        }
        LogicalPlan::Analyze(_) | LogicalPlan::DescribeTable(_) => {
            // EXPLAIN ANALYZE shows plans and metrics; DESCRIBE a schema.
            let columns = plan.schema().fields().len();
            let plan = match plan {
                LogicalPlan::Analyze(mut analyze) => {
                    let inner = rewriter.boundary(Arc::unwrap_or_clone(analyze.input), false)?;
                    analyze.input = Arc::new(inner);
                    LogicalPlan::Analyze(analyze)
                }
                other => other,
            };
            Ok(ControlledPlan {
                plan,
                columns,
                has_flags: false,
            })
        }
        plan => {
            let columns = plan.schema().fields().len();
            let plan = rewriter.boundary(plan, true)?;
            Ok(ControlledPlan {
                plan,
                columns,
                has_flags: true,
            })
        }
    }
}

/// What is known about the patients behind a plan's rows.
#[derive(Debug, Clone, Default)]
struct Lineage {
    /// Output columns holding patient pseudonyms.
    patients: Vec<Column>,
    /// Hidden (lower bound of patients, representative patient) column pairs
    /// of aggregated rows.
    bounds: Vec<(Column, Column)>,
    /// For output columns derived from masked measures: the flag columns
    /// that are true where the cell was masked.
    taint: HashMap<Column, BTreeSet<Column>>,
    /// Whether any patient table lies below.
    from_patients: bool,
    /// Whether rows are unmasked single-patient rows (table rows or
    /// per-patient aggregates).
    row_level: bool,
}

impl Lineage {
    fn merge(&mut self, other: Lineage) {
        self.patients.extend(other.patients);
        self.bounds.extend(other.bounds);
        for (column, flags) in other.taint {
            self.taint.entry(column).or_default().extend(flags);
        }
        self.from_patients |= other.from_patients;
        self.row_level |= other.row_level;
    }

    /// Flag columns behind the columns `expr` reads.
    fn flags_of(&self, expr: &Expr) -> BTreeSet<Column> {
        expr.column_refs()
            .into_iter()
            .filter_map(|c| self.taint.get(c))
            .flatten()
            .cloned()
            .collect()
    }

    /// Every hidden column a projection must pass through.
    fn carried(&self) -> Vec<Column> {
        let mut out: Vec<Column> = Vec::new();
        let mut push = |c: &Column| {
            if !out.contains(c) {
                out.push(c.clone());
            }
        };
        for (n, r) in &self.bounds {
            push(n);
            push(r);
        }
        for flags in self.taint.values() {
            flags.iter().for_each(&mut push);
        }
        out
    }

    fn requalify(self, alias: &TableReference) -> Lineage {
        let q = |c: Column| Column::new(Some(alias.clone()), c.name);
        Lineage {
            patients: self.patients.into_iter().map(q).collect(),
            bounds: self.bounds.into_iter().map(|(n, r)| (q(n), q(r))).collect(),
            taint: self
                .taint
                .into_iter()
                .map(|(c, flags)| (q(c), flags.into_iter().map(q).collect()))
                .collect(),
            from_patients: self.from_patients,
            row_level: self.row_level,
        }
    }
}

struct Rewriter {
    min_cell: i64,
    next_id: usize,
}

fn columns_of(schema: &DFSchemaRef) -> Vec<Column> {
    schema.iter().map(Column::from).collect()
}

fn refuse(message: &str) -> DataFusionError {
    DataFusionError::Plan(format!("disclosure control: {message}"))
}

impl Rewriter {
    fn hidden(&mut self, kind: &str) -> String {
        self.next_id += 1;
        format!("{HIDDEN}{kind}{}", self.next_id)
    }

    /// Rewrites a plan whose output leaves the rewrite's reach (the result,
    /// a subquery, a union input): masks every aggregate in it, and returns
    /// a plan with exactly its original columns, followed by one flag column
    /// per output column when `flags` is set.
    fn boundary(&mut self, plan: LogicalPlan, flags: bool) -> Result<LogicalPlan> {
        Ok(self.boundary_with_lineage(plan, flags)?.0)
    }

    fn boundary_with_lineage(
        &mut self,
        plan: LogicalPlan,
        flags: bool,
    ) -> Result<(LogicalPlan, Lineage)> {
        self.boundary_consumed(plan, flags, false)
    }

    fn boundary_consumed(
        &mut self,
        plan: LogicalPlan,
        flags: bool,
        consumed: bool,
    ) -> Result<(LogicalPlan, Lineage)> {
        let original = columns_of(plan.schema());
        let (plan, lineage) = self.rewrite(plan, consumed)?;
        let mut exprs: Vec<Expr> = original.iter().cloned().map(Expr::Column).collect();
        if flags {
            for (i, column) in original.iter().enumerate() {
                let masked = lineage
                    .taint
                    .get(column)
                    .into_iter()
                    .flatten()
                    .map(|f| Expr::Column(f.clone()))
                    .reduce(Expr::or)
                    .unwrap_or(lit(false));
                exprs.push(
                    when(masked, lit(true))
                        .otherwise(lit(false))?
                        .alias(format!("{HIDDEN}suppressed_{i}")),
                );
            }
        }
        let plan = LogicalPlan::Projection(Projection::try_new(exprs, Arc::new(plan))?);
        let mut out = Lineage {
            patients: lineage
                .patients
                .iter()
                .filter(|p| original.contains(p))
                .cloned()
                .collect(),
            from_patients: lineage.from_patients,
            row_level: lineage.row_level,
            ..Lineage::default()
        };
        if flags {
            let schema = plan.schema().clone();
            for (i, column) in original.iter().enumerate() {
                if lineage.taint.contains_key(column) {
                    let flag = Column::from(schema.qualified_field(original.len() + i));
                    out.taint.insert(column.clone(), BTreeSet::from([flag]));
                }
            }
        }
        Ok((plan, out))
    }

    /// Rewrites the subqueries inside `plan`'s expressions as boundaries.
    fn subqueries(&mut self, plan: LogicalPlan) -> Result<LogicalPlan> {
        plan.map_subqueries(|sub| match sub {
            LogicalPlan::Subquery(mut subquery) => {
                let inner = self.boundary(Arc::unwrap_or_clone(subquery.subquery), false)?;
                subquery.subquery = Arc::new(inner);
                Ok(Transformed::yes(LogicalPlan::Subquery(subquery)))
            }
            other => Ok(Transformed::no(other)),
        })
        .map(|t| t.data)
    }

    /// Rewrites `plan`; `consumed` says an aggregate above takes its rows
    /// (through nodes that keep rows as they are).
    fn rewrite(&mut self, plan: LogicalPlan, consumed: bool) -> Result<(LogicalPlan, Lineage)> {
        let plan = self.subqueries(plan)?;
        match plan {
            LogicalPlan::TableScan(scan) => {
                let patients: Vec<Column> = columns_of(&scan.projected_schema)
                    .into_iter()
                    .filter(|c| c.name == PATIENT_COLUMN)
                    .collect();
                let from_patients = !patients.is_empty();
                Ok((
                    LogicalPlan::TableScan(scan),
                    Lineage {
                        patients,
                        from_patients,
                        row_level: from_patients,
                        ..Lineage::default()
                    },
                ))
            }
            LogicalPlan::Projection(projection) => {
                let (input, lineage) =
                    self.rewrite(Arc::unwrap_or_clone(projection.input), consumed)?;
                self.projection(projection.expr, input, lineage)
            }
            LogicalPlan::Aggregate(aggregate) => self.aggregate(aggregate, consumed),
            LogicalPlan::Distinct(Distinct::All(input)) => {
                // DISTINCT is a GROUP BY of every column without measures.
                let group = columns_of(input.schema())
                    .into_iter()
                    .map(Expr::Column)
                    .collect();
                let aggregate = Aggregate::try_new(input, group, vec![])?;
                self.aggregate(aggregate, consumed)
            }
            LogicalPlan::SubqueryAlias(alias) => {
                let (input, lineage) = self.rewrite(Arc::unwrap_or_clone(alias.input), consumed)?;
                let lineage = lineage.requalify(&alias.alias);
                let plan = SubqueryAlias::try_new(Arc::new(input), alias.alias)?;
                Ok((LogicalPlan::SubqueryAlias(plan), lineage))
            }
            LogicalPlan::Filter(_)
            | LogicalPlan::Sort(_)
            | LogicalPlan::Limit(_)
            | LogicalPlan::Repartition(_) => {
                // Rows pass unchanged (or fewer of them): lineage is the input's.
                let mut lineage = None;
                let plan = plan
                    .map_children(|child| {
                        let (child, l) = self.rewrite(child, consumed)?;
                        lineage = Some(l);
                        Ok(Transformed::yes(child))
                    })?
                    .data
                    .recompute_schema()?;
                Ok((plan, lineage.unwrap_or_default()))
            }
            LogicalPlan::Join(join) => {
                let join_type = join.join_type;
                let (left_consumed, right_consumed) = match join_type {
                    JoinType::LeftSemi | JoinType::LeftAnti | JoinType::LeftMark => {
                        (consumed, false)
                    }
                    JoinType::RightSemi | JoinType::RightAnti | JoinType::RightMark => {
                        (false, consumed)
                    }
                    _ => (consumed, consumed),
                };
                let (left, left_lineage) =
                    self.rewrite(Arc::unwrap_or_clone(join.left.clone()), left_consumed)?;
                let (right, right_lineage) =
                    self.rewrite(Arc::unwrap_or_clone(join.right.clone()), right_consumed)?;
                let lineage = match join_type {
                    JoinType::LeftSemi | JoinType::LeftAnti | JoinType::LeftMark => left_lineage,
                    JoinType::RightSemi | JoinType::RightAnti | JoinType::RightMark => {
                        right_lineage
                    }
                    _ => {
                        let mut l = left_lineage;
                        l.merge(right_lineage);
                        l
                    }
                };
                let plan = LogicalPlan::Join(Join {
                    left: Arc::new(left),
                    right: Arc::new(right),
                    ..join
                })
                .recompute_schema()?;
                Ok((plan, lineage))
            }
            LogicalPlan::Window(window) => {
                let (input, lineage) =
                    self.rewrite(Arc::unwrap_or_clone(window.input), consumed)?;
                if lineage.row_level {
                    for expr in &window.window_expr {
                        let mut aggregate = false;
                        expr.apply(|e| {
                            if let Expr::WindowFunction(f) = e {
                                let WindowFunction { fun, params } = f.as_ref();
                                // A window within one patient's rows whose
                                // values an aggregate above takes is a
                                // per-patient aggregate: the outer one is checked.
                                let per_patient = consumed
                                    && params.partition_by.iter().any(|p| {
                                        matches!(unalias(p), Expr::Column(c) if lineage.patients.contains(c))
                                    });
                                if matches!(fun, WindowFunctionDefinition::AggregateUDF(_))
                                    && !per_patient
                                {
                                    aggregate = true;
                                }
                            }
                            Ok(TreeNodeRecursion::Continue)
                        })?;
                        if aggregate {
                            return Err(refuse(
                                "aggregate window functions over patient rows (such as count(*) OVER (PARTITION BY ...)) are not allowed: they would show group sizes without the small-cell check; use GROUP BY (a window partitioned by patient_pid is allowed inside a query that aggregates its rows)",
                            ));
                        }
                    }
                }
                let window = Window::try_new(window.window_expr, Arc::new(input))?;
                let mut lineage = lineage;
                let schema = window.schema.clone();
                let first = window.input.schema().fields().len();
                for (i, expr) in window.window_expr.iter().enumerate() {
                    let flags = lineage.flags_of(expr);
                    if !flags.is_empty() {
                        lineage
                            .taint
                            .insert(Column::from(schema.qualified_field(first + i)), flags);
                    }
                }
                Ok((LogicalPlan::Window(window), lineage))
            }
            LogicalPlan::Union(union) => {
                let mut inputs = Vec::new();
                let mut lineages = Vec::new();
                let originals: Vec<Vec<Column>> = union
                    .inputs
                    .iter()
                    .map(|i| columns_of(i.schema()))
                    .collect();
                for input in union.inputs {
                    let (plan, lineage) =
                        self.boundary_consumed(Arc::unwrap_or_clone(input), true, consumed)?;
                    inputs.push(Arc::new(plan));
                    lineages.push(lineage);
                }
                let plan = Union::try_new_with_loose_types(inputs)?;
                let schema = plan.schema.clone();
                let width = originals.first().map_or(0, Vec::len);
                let mut lineage = Lineage {
                    from_patients: lineages.iter().any(|l| l.from_patients),
                    row_level: lineages.iter().any(|l| l.row_level),
                    ..Lineage::default()
                };
                for i in 0..width {
                    let column = Column::from(schema.qualified_field(i));
                    if originals
                        .iter()
                        .zip(&lineages)
                        .all(|(cols, l)| l.patients.contains(&cols[i]))
                    {
                        lineage.patients.push(column.clone());
                    }
                    if lineages.iter().any(|l| !l.taint.is_empty()) {
                        let flag = Column::from(schema.qualified_field(width + i));
                        lineage.taint.insert(column, BTreeSet::from([flag]));
                    }
                }
                Ok((LogicalPlan::Union(plan), lineage))
            }
            LogicalPlan::Values(_) | LogicalPlan::EmptyRelation(_) => {
                Ok((plan, Lineage::default()))
            }
            other => self.opaque(other),
        }
    }

    /// A projection: its expressions, plus every patient and hidden column
    /// of its input passed through (hidden ones under their own names).
    fn projection(
        &mut self,
        mut exprs: Vec<Expr>,
        input: LogicalPlan,
        lineage: Lineage,
    ) -> Result<(LogicalPlan, Lineage)> {
        let own = exprs.len();
        let mut selected = Vec::new();
        let mut patient_outputs = Vec::new();
        for (i, expr) in exprs.iter().enumerate() {
            if let Expr::Column(c) = unalias(expr)
                && lineage.patients.contains(c)
            {
                selected.push(c.clone());
                patient_outputs.push(i);
            }
        }
        let mut patients = Vec::new();
        for p in &lineage.patients {
            if !selected.contains(p) {
                let name = self.hidden("p");
                exprs.push(Expr::Column(p.clone()).alias(name.clone()));
                patients.push(Column::new_unqualified(name));
            }
        }
        let carried = lineage.carried();
        for c in &carried {
            exprs.push(Expr::Column(c.clone()).alias(c.name.clone()));
        }
        let renamed = |c: &Column| Column::new_unqualified(c.name.clone());
        let taints: Vec<BTreeSet<Column>> = exprs[..own]
            .iter()
            .map(|e| lineage.flags_of(e).iter().map(renamed).collect())
            .collect();
        let projection = Projection::try_new(exprs, Arc::new(input))?;
        let schema = projection.schema.clone();
        let mut out = Lineage {
            bounds: lineage
                .bounds
                .iter()
                .map(|(n, r)| (renamed(n), renamed(r)))
                .collect(),
            from_patients: lineage.from_patients,
            row_level: lineage.row_level,
            ..Lineage::default()
        };
        for i in patient_outputs {
            out.patients.push(Column::from(schema.qualified_field(i)));
        }
        out.patients.extend(patients);
        for (i, flags) in taints.into_iter().enumerate() {
            if !flags.is_empty() {
                out.taint
                    .insert(Column::from(schema.qualified_field(i)), flags);
            }
        }
        Ok((LogicalPlan::Projection(projection), out))
    }

    /// Hidden aggregates that bound the distinct patients of a group (or of
    /// the rows `filter` keeps), one (count, representative) pair per
    /// patient source of the input; they are appended to `extra`.
    fn patient_sources(
        &mut self,
        lineage: &Lineage,
        filter: Option<Expr>,
        extra: &mut Vec<Expr>,
    ) -> Result<Vec<(Expr, Expr)>> {
        let mut hidden = |this: &mut Self, expr: Expr| -> Result<Expr> {
            let expr = match (&filter, &expr) {
                // The builder keeps DISTINCT only when told again.
                (Some(f), Expr::AggregateFunction(a)) if a.params.distinct => {
                    expr.clone().distinct().filter(f.clone()).build()?
                }
                (Some(f), _) => expr.filter(f.clone()).build()?,
                (None, _) => expr,
            };
            let name = this.hidden("a");
            extra.push(expr.alias(name.clone()));
            Ok(Expr::Column(Column::new_unqualified(name)))
        };
        let mut sources = Vec::new();
        for p in &lineage.patients {
            let n = hidden(self, count_distinct(Expr::Column(p.clone())))?;
            let r = hidden(self, min(Expr::Column(p.clone())))?;
            sources.push((n, r));
        }
        for (n, r) in &lineage.bounds {
            let distinct = hidden(self, count_distinct(Expr::Column(r.clone())))?;
            let largest = hidden(self, max(Expr::Column(n.clone())))?;
            let rep = hidden(self, min(Expr::Column(r.clone())))?;
            sources.push((greatest(vec![distinct, largest]), rep));
        }
        Ok(sources)
    }

    /// An aggregate: counts the distinct patients of every group beside the
    /// analyst's measures and masks the measures of groups below K.
    fn aggregate(
        &mut self,
        aggregate: Aggregate,
        consumed: bool,
    ) -> Result<(LogicalPlan, Lineage)> {
        let (input, lineage) = self.rewrite(Arc::unwrap_or_clone(aggregate.input), true)?;
        let group = aggregate.group_expr;
        let measures = aggregate.aggr_expr;
        let mut extra = Vec::new();
        let sources = self.patient_sources(&lineage, None, &mut extra)?;
        if sources.is_empty() {
            if lineage.from_patients {
                return Err(refuse(
                    "cannot tell which patients make up this aggregate, so small cells cannot be suppressed; keep patient_pid in the rows you aggregate (for example in every branch of a UNION)",
                ));
            }
            // Nothing below comes from patients (e.g. the analyst's codes alone).
            let plan = Aggregate::try_new(Arc::new(input), group, measures)?;
            return Ok((LogicalPlan::Aggregate(plan), Lineage::default()));
        }
        let per_patient = group
            .iter()
            .any(|g| matches!(unalias(g), Expr::Column(c) if lineage.patients.contains(c)));
        let mask_here = !(per_patient && consumed);
        // A measure with FILTER (WHERE ...) is made of fewer rows than its
        // group: it is checked against the patients its filter keeps.
        let mut measure_counts: Vec<Option<Expr>> = Vec::new();
        for measure in &measures {
            let filter = match unalias(measure) {
                Expr::AggregateFunction(f) => f.params.filter.as_deref().cloned(),
                _ => None,
            };
            measure_counts.push(match filter {
                Some(filter) if mask_here => {
                    let sources = self.patient_sources(&lineage, Some(filter), &mut extra)?;
                    Some(combine(sources.into_iter().map(|(n, _)| n).collect()))
                }
                _ => None,
            });
        }
        let own_measures = measures.len();
        let extra_count = extra.len();
        let mut all = measures;
        all.extend(extra);
        let plan = Aggregate::try_new(Arc::new(input), group, all)?;
        let schema = plan.schema.clone();
        let keys = schema.fields().len() - own_measures - extra_count;

        let patients_expr = combine(sources.iter().map(|(n, _)| n.clone()).collect());
        let rep_expr = sources[0].1.clone();
        let enough = patients_expr.clone().gt_eq(lit(self.min_cell));
        let (n_name, r_name, flag_name) = (self.hidden("n"), self.hidden("r"), self.hidden("m"));
        let flag = Column::new_unqualified(flag_name.clone());
        let mut out = Lineage {
            from_patients: true,
            row_level: !mask_here,
            ..Lineage::default()
        };
        let mut exprs = Vec::new();
        for i in 0..keys {
            let column = Column::from(schema.qualified_field(i));
            if per_patient && lineage.patients.contains(&column) {
                out.patients.push(column.clone());
            }
            exprs.push(Expr::Column(column));
        }
        let mut measure_flags = Vec::new();
        for (i, own_count) in (keys..keys + own_measures).zip(measure_counts) {
            let (qualifier, field) = schema.qualified_field(i);
            let column = Column::from((qualifier, field));
            if mask_here {
                let (enough, flag) = match own_count {
                    Some(n) => {
                        let name = self.hidden("m");
                        let own = n.gt_eq(lit(self.min_cell));
                        measure_flags.push(
                            when(own.clone(), lit(false))
                                .otherwise(lit(true))?
                                .alias(name.clone()),
                        );
                        (own, Column::new_unqualified(name))
                    }
                    None => (enough.clone(), flag.clone()),
                };
                exprs.push(
                    when(enough, Expr::Column(column.clone()))
                        .end()?
                        .alias_qualified(qualifier.cloned(), field.name()),
                );
                out.taint.insert(column, BTreeSet::from([flag]));
            } else {
                exprs.push(Expr::Column(column));
            }
        }
        exprs.push(patients_expr.alias(n_name.clone()));
        exprs.push(rep_expr.alias(r_name.clone()));
        if mask_here {
            exprs.push(
                when(enough, lit(false))
                    .otherwise(lit(true))?
                    .alias(flag_name),
            );
            exprs.extend(measure_flags);
        }
        if !per_patient {
            out.bounds.push((
                Column::new_unqualified(n_name),
                Column::new_unqualified(r_name),
            ));
        }
        let projection = Projection::try_new(exprs, Arc::new(LogicalPlan::Aggregate(plan)))?;
        Ok((LogicalPlan::Projection(projection), out))
    }

    /// A node the rewrite does not look into: its inputs are boundaries,
    /// and patient columns survive where the node keeps them by name.
    fn opaque(&mut self, plan: LogicalPlan) -> Result<(LogicalPlan, Lineage)> {
        let mut inner = Lineage::default();
        let plan = plan
            .map_children(|child| {
                let (child, lineage) = self.boundary_with_lineage(child, false)?;
                inner.merge(lineage);
                Ok(Transformed::yes(child))
            })?
            .data
            .recompute_schema()?;
        let output = columns_of(plan.schema());
        let lineage = Lineage {
            patients: inner
                .patients
                .into_iter()
                .filter(|p| output.contains(p))
                .collect(),
            from_patients: inner.from_patients,
            row_level: inner.row_level,
            ..Lineage::default()
        };
        Ok((plan, lineage))
    }
}

/// The smallest of several lower bounds of patients.
fn combine(mut counts: Vec<Expr>) -> Expr {
    if counts.len() == 1 {
        counts.remove(0)
    } else {
        least(counts)
    }
}

/// An expression without its aliases.
fn unalias(expr: &Expr) -> &Expr {
    match expr {
        Expr::Alias(alias) => unalias(&alias.expr),
        other => other,
    }
}
