#!/usr/bin/env python3
"""numpy baseline of Cadre's assessment gap map (DESIGN.md, "Assessment semantics").

Reads the synthetic organisation `cadre-bench assess` writes (layout in
Benchmarks/cadre-bench/AssessBenchmarkData.swift), computes the same gap map the idiomatic
numpy way -- dense people x skills matrices built with np.bincount -- times it (best of
--repeat runs after one warm-up; loading the file is not timed), writes the results for the
bench to compare, and prints one JSON line: {"best_ms": ..., "runs_ms": [...]}.

    python3 gapmap.py input.bin --out result.bin --repeat 3
"""
import argparse
import json
import sys
import time

import numpy as np

KINDS = 8


def load(path):
    raw = np.fromfile(path, dtype=np.uint8)
    if raw[:8].tobytes() != b"CABENCH1":
        sys.exit(f"{path}: not a CABENCH1 file")
    offset = 8

    def take(dtype, count):
        nonlocal offset
        size = np.dtype(dtype).itemsize * count
        # .copy() gives aligned arrays whatever the offset in the file.
        values = raw[offset:offset + size].view(dtype).copy() if size else np.zeros(0, dtype)
        offset += size
        return values

    people, skills, role_levels, teams, requirements, evidence, as_of = (int(v) for v in take("<i8", 7))
    d = {
        "people": people, "skills": skills, "role_levels": role_levels, "teams": teams, "as_of": as_of,
        "tolerance": float(take("<f8", 1)[0]),
        "weight": take("<f8", KINDS), "half_life_days": take("<f8", KINDS),
        "person_role_level": take("<i4", people), "person_team": take("<i4", people),
        "requirement_offsets": take("<i4", role_levels + 1), "requirement_skill": take("<i4", requirements),
        "requirement_level": take("<f8", requirements), "requirement_importance": take("<f8", requirements),
        "evidence_person": take("<i4", evidence), "evidence_skill": take("<i4", evidence),
        "evidence_level": take("<f8", evidence), "evidence_observed_at": take("<i8", evidence),
        "evidence_valid_until": take("<i8", evidence), "evidence_kind": take("u1", evidence),
    }
    if offset != raw.size:
        sys.exit(f"{path}: {raw.size - offset} unexpected trailing bytes")
    return d


def group_sums(values, group, count):
    """Row sums of `values` per group (rows in no group, group < 0, are left out)."""
    keep = group >= 0
    order = np.argsort(group[keep], kind="stable")
    sorted_groups = group[keep][order]
    out = np.zeros((count,) + values.shape[1:])
    if sorted_groups.size == 0:
        return out
    starts = np.flatnonzero(np.r_[True, sorted_groups[1:] != sorted_groups[:-1]])
    out[sorted_groups[starts]] = np.add.reduceat(values[keep][order], starts, axis=0)
    return out


def compute(d):
    P, S, R, T = d["people"], d["skills"], d["role_levels"], d["teams"]
    as_of = d["as_of"]
    kind = d["evidence_kind"]
    observed = d["evidence_observed_at"]

    # w_i = weight(kind) * 0.5 ** (age_days / half_life(kind)); no half-life: no decay.
    age_days = (float(as_of) - observed.astype(np.float64)) / 86400
    half_life = d["half_life_days"][kind]
    decays = half_life > 0
    decay = np.ones_like(age_days)
    decay[decays] = np.exp2(-(age_days[decays] / half_life[decays]))
    counts = (observed <= as_of) & (as_of <= d["evidence_valid_until"])
    w = np.where(counts, d["weight"][kind] * decay, 0.0)

    # Dense estimate and confidence, people x skills.
    cell = d["evidence_person"].astype(np.int64) * S + d["evidence_skill"]
    confidence = np.bincount(cell, weights=w, minlength=P * S).reshape(P, S)
    weighted_level = np.bincount(cell, weights=w * d["evidence_level"], minlength=P * S).reshape(P, S)
    estimate = np.zeros((P, S))
    np.divide(weighted_level, confidence, out=estimate, where=confidence > 0)

    # Requirements per role level as dense rows; 0 where a skill is not required.
    offsets = d["requirement_offsets"]
    owner = np.repeat(np.arange(R), np.diff(offsets))
    level_by_role = np.zeros((R, S))
    importance_by_role = np.zeros((R, S))
    level_by_role[owner, d["requirement_skill"]] = d["requirement_level"]
    importance_by_role[owner, d["requirement_skill"]] = d["requirement_importance"]

    role = d["person_role_level"]
    # Where nothing is required, L = 0 and the estimate is >= 0, so the gap is 0 there.
    gap = np.maximum(0.0, level_by_role[role] - estimate)
    weighted_gap = importance_by_role[role] * gap
    person_gap = weighted_gap.sum(axis=1)
    required = (importance_by_role * level_by_role).sum(axis=1)[role]
    readiness = np.ones(P)
    np.subtract(1.0, person_gap / np.where(required > 0, required, 1.0), out=readiness, where=required > 0)
    meets = (gap <= d["tolerance"]).all(axis=1)

    team = d["person_team"]
    headcount = np.bincount(team[team >= 0], minlength=T)
    team_readiness = np.bincount(team[team >= 0], weights=readiness[team >= 0], minlength=T)
    return {
        "readiness": readiness,
        "meets": meets,
        "org_sums": weighted_gap.sum(axis=0),
        "role_level_sums": group_sums(weighted_gap, role, R),
        "team_sums": group_sums(weighted_gap, team, T),
        "team_mean_readiness": np.divide(team_readiness, headcount, out=np.zeros(T), where=headcount > 0),
        "team_headcount": headcount.astype(np.int64),
        "team_meeting": np.bincount(team[team >= 0], weights=meets[team >= 0], minlength=T).astype(np.int64),
    }


def write(path, d, r):
    with open(path, "wb") as out:
        out.write(b"CABRES01")
        out.write(np.array([d["people"], d["skills"], d["role_levels"], d["teams"]], dtype="<i8").tobytes())
        for key in ("readiness", "org_sums", "role_level_sums", "team_sums", "team_mean_readiness"):
            out.write(np.ascontiguousarray(r[key], dtype="<f8").tobytes())
        for key in ("team_headcount", "team_meeting"):
            out.write(np.ascontiguousarray(r[key], dtype="<i8").tobytes())
        out.write(r["meets"].astype("u1").tobytes())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", help="input written by `cadre-bench assess`")
    parser.add_argument("--out", help="where to write the results for comparison")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs after the warm-up")
    args = parser.parse_args()

    d = load(args.data)
    result = compute(d)  # warm-up
    runs = []
    for _ in range(max(1, args.repeat)):
        start = time.perf_counter()
        result = compute(d)
        runs.append((time.perf_counter() - start) * 1000)
    if args.out:
        write(args.out, d, result)
    print(json.dumps({"best_ms": min(runs), "runs_ms": runs, "numpy": np.__version__}))


if __name__ == "__main__":
    main()
