import assert from "node:assert/strict";
import { parseFrontsCsv } from "./parse_fronts_csv.ts";

const HEADER =
  "group,scenario,device_profile,point,latency_ms,energy_mj,switches,device_path,proven";
const csv = (...lines: string[]) => [HEADER, ...lines].join("\n") + "\n";

Deno.test("parseFrontsCsv reads the runner's rows, an infeasible pair and quoted names", () => {
  // Rows as the sweep runner writes them (budgets.yaml), plus extra column order and quoting.
  const fronts = parseFrontsCsv(csv(
    "mobile_vision_stack/as_measured,mobile_vision_stack,as_measured,1,25.45,40.2,2,gpu gpu gpu gpu gpu npu gpu,true",
    "mobile_vision_stack/as_measured,mobile_vision_stack,as_measured,2,26.33,37.52,2,gpu gpu gpu gpu npu npu gpu,true",
    "mobile_vision_stack/no_stage,mobile_vision_stack,no_stage,,,,,,true",
    '"a,b/p","a,b",p,1,3,4,0,cpu,false',
  ));
  assert.deepEqual(fronts.map((f) => [f.group, f.points.length, f.proven]), [
    ["mobile_vision_stack/as_measured", 2, true],
    ["mobile_vision_stack/no_stage", 0, true],
    ["a,b/p", 1, false],
  ]);
  assert.deepEqual(fronts[0]!.points[1], {
    point: 2,
    latency_ms: 26.33,
    energy_mj: 37.52,
    switches: 2,
    device_path: "gpu gpu gpu gpu npu npu gpu",
  });
  assert.equal(fronts[2]!.scenario, "a,b");
  assert.deepEqual(parseFrontsCsv(HEADER + "\n"), []);
});

Deno.test("parseFrontsCsv rejects malformed files, naming the line and the problem", () => {
  const cases: [string, RegExp][] = [
    ["", /header line is missing/],
    ["group,scenario,point\n", /the header lacks device_profile, latency_ms/],
    [csv("s/p,s,p,1,x,4,0,cpu,true"), /line 2 as 'latency_ms' must be a number >= 0: .*"x"/],
    [csv("s/p,s,p,1,-3,4,0,cpu,true"), /line 2 as 'latency_ms' must be a number >= 0/],
    [csv("s/p,s,p,1,3,4,0.5,cpu,true"), /line 2 as 'switches' must be a whole number/],
    [csv("s/p,s,p,2,3,4,0,cpu,true"), /line 2 as 'point' must be 1: current value is 2/],
    [csv("s/p,s,p,1,3,4,0,cpu,yes"), /line 2 as 'proven' must be true or false/],
    [csv("s/p,s,p,1,3,4,0,,true"), /line 2 as 'device_path' is empty/],
    [csv(",s,p,1,3,4,0,cpu,true"), /line 2 as 'group' is empty/],
    [
      csv("s/p,s,p,1,3,4,0,cpu,true", "s/p,s,p,2,5,4.5,0,cpu,true"),
      /line 3 as a front's latency must not decrease and its energy must not increase/,
    ],
    [
      csv("s/p,s,p,1,3,4,0,cpu,true", "s/p,s,p,2,5,3,0,cpu,false"),
      /line 3 as "s\/p" changes its scenario, device_profile or proven/,
    ],
    [
      csv("s/p,s,p,1,3,4,0,cpu,true", "s/q,s,q,1,3,4,0,cpu,true", "s/p,s,p,2,5,3,0,cpu,true"),
      /line 4 as the rows of "s\/p" are not together/,
    ],
    [csv("s/p,s,p,,,,,,true", "s/p,s,p,1,3,4,0,cpu,true"), /line 3 as "s\/p" has no feasible/],
    [csv("s/p,s,p,,3,,,,true"), /line 2 as a pair without feasible placement must be one row/],
    [csv('s/p,s,p,1,3,4,0,"cpu,true'), /Cannot parse the CSV: /],
    [csv("s/p,s,p,1,3,4,0,cpu"), /Cannot parse the CSV: /],
  ];
  for (const [text, message] of cases) {
    assert.throws(
      () => parseFrontsCsv(text),
      (e) => e instanceof SyntaxError && message.test(e.message),
      text,
    );
  }
});
