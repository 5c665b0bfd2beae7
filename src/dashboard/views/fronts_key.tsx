import type { Html } from "./layout.tsx";
import { FRONT_COLOR } from "../front_marks.ts";
import type { Front } from "../parse_fronts_csv.ts";

/** The exact fronts of a sweep page: every front of fronts.csv, and those the chart draws. */
export interface PageFronts {
  /** Every front of fronts.csv. */
  all: readonly Front[];
  /** The fronts the chart draws. */
  shown: readonly Front[];
}

/** Props of {@linkcode FrontsKey}. */
export interface FrontsKeyProps {
  /** The sweep's exact fronts, or null without (readable) fronts.csv. */
  fronts: PageFronts | null;
  /** Why fronts.csv could not be read, if it could not. */
  error: string | undefined;
}

const STEP = "M1,9H11V4H27";

/**
 * The key under the chart when the sweep has fronts.csv: which line is which, how many fronts
 * are drawn, which are not proven and which pairs have no feasible placement; or the reason
 * fronts.csv could not be read.
 */
export function FrontsKey({ fronts, error }: FrontsKeyProps): Html | null {
  if (error !== undefined) {
    return (
      <p class="fronts-error" role="alert">
        {`${error}. The chart is drawn without exact fronts.`}
      </p>
    );
  }
  if (!fronts) return null;
  const { all, shown } = fronts;
  const unproven = shown.filter((f) => !f.proven);
  const empty = shown.filter((f) => f.points.length === 0);
  return (
    <div class="fronts-key" id="fronts">
      <p>
        <span class="key-item">
          <svg width="28" height="12" viewBox="0 0 28 12" aria-hidden="true">
            <path d={STEP} fill="none" stroke="currentColor" stroke-width="1.2" />
            <circle cx="11" cy="9" r="2.5" fill="none" stroke="currentColor" />
          </svg>
          configurations' Pareto front (circled)
        </span>
        <span class="key-item">
          <svg width="28" height="12" viewBox="0 0 28 12" aria-hidden="true">
            <path
              d={STEP}
              fill="none"
              stroke={FRONT_COLOR}
              stroke-width="1.6"
              stroke-dasharray="6,3"
            />
            <path d="M11,5.5L14.5,9L11,12.5L7.5,9Z" fill={FRONT_COLOR} />
          </svg>
          exact front of placements, proven (fronts.csv)
        </span>
        <span class="key-item">
          <svg width="28" height="12" viewBox="0 0 28 12" aria-hidden="true">
            <path
              d={STEP}
              fill="none"
              stroke={FRONT_COLOR}
              stroke-width="1.6"
              stroke-dasharray="2,3"
            />
            <path d="M11,5.5L14.5,9L11,12.5L7.5,9Z" fill="white" stroke={FRONT_COLOR} />
          </svg>
          exact front, not proven
        </span>
      </p>
      <p class="muted">
        {`Exact fronts drawn: ${shown.length} of ${all.length} (no caps; memory as each device ` +
          `profile leaves it). `}
        {unproven.length === 0
          ? shown.length > 0 ? "All proven complete." : ""
          : `Not proven (label or time limit reached: feasible placements, maybe not the whole ` +
            `front): ${unproven.map((f) => f.group).join(", ")}.`}
        {empty.length > 0 &&
          ` No feasible placement at all: ${empty.map((f) => f.group).join(", ")}.`}
      </p>
    </div>
  );
}
