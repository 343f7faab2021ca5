#!/usr/bin/env python3
"""HiGHS baseline of Cadre's learning plans (DESIGN.md, "Training semantics").

Reads the sampled planning problems `cadre-bench training` writes (JSON; layout in
Benchmarks/cadre-bench/TrainingExport.swift) and, for each person, solves the same integer
programme with HiGHS (PyPI highspy; scipy.optimize.milp, also HiGHS, when highspy is missing):

    minimise   sum_c cost_c * x_c,  x_c in {0, 1}
    cover      sum_{c teaches s at >= L} x_c >= 1                for each coverable target (s, L)
    prereq     sum_{d != c, d teaches s' at >= l} x_d - x_c >= 0  for each course c and each of its
                                                                  prerequisites (s', l) not held
                                                                  by estimate: max(0, l - e) > tau

over the courses that can matter: those providing a target, then, transitively, those providing
a prerequisite not held, kept when reachable (the least fixpoint of courses whose prerequisites
are held or taught by a reachable course). A target no reachable course teaches is uncoverable
and left out, as Cadre lists it. The synthetic catalogue's prerequisites point only to skills
of a lower tier, so every feasible set can be ordered and the programme is exact.

Only HiGHS's solve is timed (per problem, `run()`); building the model is reported apart. It
also checks each of Cadre's plans: does it close every coverable target, can it be ordered?
Prints one JSON line: {"solver", "solve_ms", "build_ms", "people": [{"cost", "status",
"coverable", "cadre_feasible"}]}.

    python3 learning_plans.py problems.json
"""
import argparse
import json
import sys
import time

import numpy as np


def relevant_courses(person, courses, providers, tolerance):
    """The courses that can take part in a least plan, the coverable targets, and what is held."""
    estimate = {skill: value for skill, value in person["estimates"]}

    def held(skill, level):
        return max(0.0, level - estimate.get(skill, 0.0)) <= tolerance

    # Backward closure from the targets through prerequisites not held.
    seen_needs, queue, closure = set(), [tuple(t) for t in person["targets"]], set()
    while queue:
        need = queue.pop()
        if need in seen_needs:
            continue
        seen_needs.add(need)
        skill, level = need
        for course, taught in providers.get(skill, ()):
            if taught >= level and course not in closure:
                closure.add(course)
                for p_skill, p_level in courses[course]["prerequisites"]:
                    if not held(p_skill, p_level):
                        queue.append((p_skill, p_level))
    # Reachable within the closure (every provider of a needed prerequisite is in it).
    reachable, taught_level, changed = set(), {}, True
    while changed:
        changed = False
        for course in closure - reachable:
            if all(held(s, l) or taught_level.get(s, 0) >= l for s, l in courses[course]["prerequisites"]):
                reachable.add(course)
                changed = True
                for s, l in courses[course]["teaches"]:
                    taught_level[s] = max(taught_level.get(s, 0), l)
    coverable = [(s, l) for s, l in person["targets"] if taught_level.get(s, 0) >= l]
    return sorted(reachable), coverable, held


def teaches(course, skill, level):
    return any(s == skill and l >= level for s, l in course["teaches"])


def model(person, courses, providers, tolerance):
    """Columns (course numbers), costs, and rows as CSR arrays with lower bounds (upper: +inf)."""
    columns, coverable, held = relevant_courses(person, courses, providers, tolerance)
    position = {course: i for i, course in enumerate(columns)}
    starts, index, values, lower = [0], [], [], []
    for skill, level in coverable:
        for course in columns:
            if teaches(courses[course], skill, level):
                index.append(position[course])
                values.append(1.0)
        lower.append(1.0)
        starts.append(len(index))
    for course in columns:
        for skill, level in courses[course]["prerequisites"]:
            if held(skill, level):
                continue
            for other in columns:
                if other != course and teaches(courses[other], skill, level):
                    index.append(position[other])
                    values.append(1.0)
            index.append(position[course])
            values.append(-1.0)
            lower.append(0.0)
            starts.append(len(index))
    costs = np.array([courses[c]["cost"] for c in columns], dtype=np.float64)
    return columns, coverable, held, costs, starts, index, values, lower


def cadre_feasible(person, courses, coverable, held):
    plan = person["plan"]
    if not all(any(teaches(courses[c], s, l) for c in plan) for s, l in coverable):
        return False
    placed, left = [], list(plan)
    while left:
        ready = [c for c in left if all(
            held(s, l) or any(teaches(courses[d], s, l) for d in placed) for s, l in courses[c]["prerequisites"])]
        if not ready:
            return False
        placed.append(ready[0])
        left.remove(ready[0])
    return True


class HighsSolver:
    def __init__(self):
        import highspy
        self.highspy = highspy
        self.highs = highspy.Highs()
        self.name = "highspy " + str(self.highs.version() if hasattr(self.highs, "version") else "")

    def solve(self, costs, starts, index, values, lower):
        hs = self.highspy
        h = self.highs
        h.clearModel()
        for option, value in (("output_flag", False), ("mip_rel_gap", 0.0), ("mip_abs_gap", 0.0), ("threads", 1)):
            h.setOptionValue(option, value)
        n, m = len(costs), len(lower)
        lp = hs.HighsLp()
        lp.num_col_ = n
        lp.num_row_ = m
        lp.col_cost_ = costs
        lp.col_lower_ = np.zeros(n)
        lp.col_upper_ = np.ones(n)
        lp.row_lower_ = np.array(lower, dtype=np.float64)
        lp.row_upper_ = np.full(m, hs.kHighsInf)
        lp.a_matrix_.format_ = hs.MatrixFormat.kRowwise
        lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
        lp.a_matrix_.index_ = np.array(index, dtype=np.int32)
        lp.a_matrix_.value_ = np.array(values, dtype=np.float64)
        lp.integrality_ = [hs.HighsVarType.kInteger] * n
        h.passModel(lp)
        start = time.perf_counter()
        h.run()
        elapsed = time.perf_counter() - start
        status = h.getModelStatus()
        if status != hs.HighsModelStatus.kOptimal:
            return None, h.modelStatusToString(status), elapsed
        return h.getInfo().objective_function_value, "optimal", elapsed


class ScipySolver:
    def __init__(self):
        import scipy
        from scipy.optimize import Bounds, LinearConstraint, milp
        from scipy.sparse import csr_matrix
        self.parts = (Bounds, LinearConstraint, milp, csr_matrix)
        self.name = "scipy.optimize.milp (HiGHS) " + scipy.__version__

    def solve(self, costs, starts, index, values, lower):
        Bounds, LinearConstraint, milp, csr_matrix = self.parts
        n, m = len(costs), len(lower)
        matrix = csr_matrix((values, index, starts), shape=(m, n))
        start = time.perf_counter()
        result = milp(costs, integrality=np.ones(n), bounds=Bounds(0, 1),
                      constraints=[LinearConstraint(matrix, np.array(lower), np.inf)],
                      options={"mip_rel_gap": 0.0})
        elapsed = time.perf_counter() - start
        if result.status != 0:
            return None, result.message, elapsed
        return result.fun, "optimal", elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("problems", help="JSON written by `cadre-bench training`")
    parser.add_argument("--scipy", action="store_true", help="use scipy.optimize.milp even when highspy is there")
    args = parser.parse_args()
    with open(args.problems) as handle:
        data = json.load(handle)
    courses, tolerance = data["courses"], data["tolerance"]
    providers = {}
    for number, course in enumerate(courses):
        for skill, level in course["teaches"]:
            providers.setdefault(skill, []).append((number, level))

    solver = None
    if not args.scipy:
        try:
            solver = HighsSolver()
        except ImportError:
            print("highspy is not installed (pip install highspy); using scipy.optimize.milp", file=sys.stderr)
    solver = solver or ScipySolver()

    people, solve_s, build_s = [], 0.0, 0.0
    for person in data["people"]:
        start = time.perf_counter()
        columns, coverable, held, costs, starts, index, values, lower = model(person, courses, providers, tolerance)
        build_s += time.perf_counter() - start
        feasible = cadre_feasible(person, courses, coverable, held)
        if not coverable:
            people.append({"cost": 0, "status": "optimal", "coverable": 0, "cadre_feasible": feasible})
            continue
        objective, status, elapsed = solver.solve(costs, starts, index, values, lower)
        solve_s += elapsed
        people.append({"cost": None if objective is None else int(round(objective)), "status": status,
                       "coverable": len(coverable), "cadre_feasible": feasible})
    print(json.dumps({"solver": solver.name, "solve_ms": solve_s * 1000, "build_ms": build_s * 1000,
                      "people": people}))


if __name__ == "__main__":
    main()
