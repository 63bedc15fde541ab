/**
 * A generated tracker that looks like a real one, of any size, for the bench and
 * the tests: two title rows and a key, a header in an OPCC's own words ("Priority
 * action", "Status this reporting period", "6 month update"…), section headings
 * merged across the table that set the theme, actions of 150–300 characters and
 * updates of 300–800, sub-activity rows ("V12.1", "V12.2") under some actions
 * (their reference blank, or merged down from the action's), statuses and RAGs
 * spelled the ways officers spell them ("completed ", "on-going", "Yellow",
 * "G"), some RAGs shown only as a fill colour, and timeframes of every kind.
 *
 * Deterministic (a seeded generator), and it knows what it wrote: `expected`
 * holds the counts the engine must find (actions, status, RAG, theme × status).
 */
import type { CellValue, MergedArea, SheetGrid } from "../../src/model";
import type { RagCounts, Status } from "../../src/model";

/** Every spelling written for each status, with how often (weights); "" is a blank status. */
export const REALISTIC_STATUS_SPELLINGS: Record<Status, [string, number][]> = {
  Completed: [
    ["Complete", 6],
    ["Completed", 10],
    ["completed ", 2],
    ["COMPLETE", 1],
  ],
  "In progress": [
    ["In Progress", 12],
    ["In progress", 8],
    ["on-going", 3],
    ["Ongoing", 4],
    ["On track", 2],
  ],
  "On hold": [
    ["On hold", 2],
    ["On Hold", 1],
    ["Paused", 1],
  ],
  "Not yet started": [
    ["Not started", 3],
    ["Not yet started", 2],
    ["not started ", 1],
  ],
  // Not generated (the tracker's statuses and their odds are as before): listed for the record's type.
  Closed: [
    ["Superseded", 1],
    ["Withdrawn", 1],
  ],
};

/** Every spelling written for each RAG (a typed one; a fill-only RAG is a blank cell with a fill). */
export const REALISTIC_RAG_SPELLINGS: Record<"Red" | "Amber" | "Green", [string, number][]> = {
  Red: [
    ["Red", 4],
    ["R", 1],
  ],
  Amber: [
    ["Amber", 5],
    ["Yellow", 2],
    ["A", 1],
  ],
  Green: [
    ["Green", 6],
    ["G", 2],
    ["green ", 1],
  ],
};

/** Fill colours a RAG shown only by fill is given, as different workbooks use them. */
const RAG_FILLS: Record<"Red" | "Amber" | "Green", string[]> = {
  Red: ["FF0000", "C00000", "FF3B30"],
  Amber: ["FFC000", "FFBF00", "FFD966"],
  Green: ["00B050", "92D050", "70AD47"],
};

export const REALISTIC_THEMES = [
  "Putting victims and survivors first",
  "Tackling violence against women and girls",
  "Safer neighbourhoods and visible policing",
  "Reducing reoffending and youth justice",
  "Cutting crime on our roads",
  "Tackling serious violence and exploitation",
  "An efficient and effective criminal justice system",
  "A modern, trusted and accountable police service",
] as const;

export const REALISTIC_LEADS = [
  "Chief Constable",
  "OPCC Chief Executive",
  "ACC Local Policing",
  "Head of Commissioning",
  "Director of Finance",
  "Victims' Champion",
  "Head of Partnerships",
  "Superintendent, Crime",
  "Community Safety Partnerships",
  "Local Criminal Justice Board",
  "Head of Communications",
  "Youth Offending Service",
] as const;

const DIRECTIONS = ["↑", "↓", "↔", "No change", "↔", "↑"];
const TIMEFRAMES = ["March 2027", "Q3 2026/27", "Ongoing", "Autumn 2026", "2027", "December 2026", "Spring 2027", "-", "To be agreed with partners", "March 2026"];

const OPENINGS = [
  "Work with partners to",
  "Commission and evaluate services that",
  "Review the force's approach so that we",
  "Develop, with community safety partnerships, a plan to",
  "Invest in specialist officers and staff to",
  "Hold the Chief Constable to account for how the force will",
  "Deliver a programme of training and awareness to",
  "Set up a multi-agency working group to",
];
const VERBS = [
  "improve the support given to",
  "reduce repeat victimisation among",
  "increase the confidence of",
  "strengthen the response to",
  "make it easier to report for",
  "keep safe",
  "tackle the harm caused to",
  "raise the visibility of neighbourhood policing for",
];
const OBJECTS = [
  "victims of domestic abuse and stalking",
  "young people at risk of exploitation by county lines gangs",
  "rural and isolated communities",
  "people in mental health crisis who come into contact with the police",
  "victims of fraud and cyber crime, especially older people",
  "residents affected by anti-social behaviour",
  "road users on the county's high-risk routes",
  "women and girls in the night-time economy",
];
const CLAUSES = [
  "so that outcomes are measured and reported to the Police and Crime Panel each quarter",
  "drawing on the findings of the most recent HMICFRS inspection and the victims' survey",
  "in line with the Victims' Code and the national Beating Crime Plan",
  "with clear milestones, a named lead and an agreed budget for the year",
  "making best use of the Serious Violence Duty and the local partnership board",
  "and publish what we learn so that partners can build on it",
  "taking account of the needs of under-represented and minority communities",
];
const UPDATES = [
  "A task and finish group has met three times this period and agreed terms of reference, membership and a delivery timetable.",
  "The commissioned service went live in the first quarter and has received 412 referrals, of which 87% were contacted within 48 hours.",
  "Recruitment to the two specialist posts is complete; both officers are in post and have started their induction and training.",
  "Procurement was delayed by the market engagement exercise; the contract is now expected to be awarded by the end of the next quarter.",
  "Performance data shows a reduction in repeat incidents compared with the same period last year, although numbers remain small.",
  "The OPCC has written to the Chief Constable asking for an update on the action plan following the inspection report.",
  "Funding for the second year has been confirmed through the Home Office grant, subject to the usual reporting conditions.",
  "Feedback from the victims' survey has been shared with the working group and will inform the redesign of the service.",
  "Partners have raised concerns about capacity over the winter; the board has agreed to review the timetable in January.",
  "An evaluation by the university is under way and an interim report is expected before the Panel's next meeting.",
  "The communications campaign reached an estimated 180,000 residents through social media, radio and local press.",
  "This action is now business as usual and will be reported through the force's performance framework from April.",
];

/** A small seeded generator (mulberry32), so the same size gives the same tracker. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted<T>(rnd: () => number, table: [T, number][]): T {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let x = rnd() * total;
  for (const [v, w] of table) {
    x -= w;
    if (x < 0) return v;
  }
  return table[table.length - 1][0];
}

function pick<T>(rnd: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rnd() * xs.length)];
}

/** Sentences joined until the text is between min and max characters. */
function prose(rnd: () => number, min: number, max: number, sentence: () => string): string {
  const target = min + Math.floor(rnd() * (max - min));
  let text = sentence();
  while (text.length < target) text += ` ${sentence()}`;
  if (text.length > max) text = `${text.slice(0, max - 1).replace(/\s+\S*$/, "")}.`;
  return text;
}

export interface RealisticExpected {
  actions: number;
  subRows: number;
  sections: number;
  status: Record<Status | "Not set", number>;
  rag: RagCounts;
  /** RAGs shown only as a fill colour. */
  ragFromFill: number;
  byTheme: Record<string, Record<Status | "Not set", number>>;
}

export interface RealisticTracker {
  grid: SheetGrid;
  expected: RealisticExpected;
  /** The sheet row of the header. */
  headerRow: number;
}

export interface RealisticOptions {
  name?: string;
  seed?: number;
}

/** Column order (1-based): where each field is written. */
export const REALISTIC_HEADER = ["Ref", "Priority action", "OPCC Lead", "Status this reporting period", "RAG", "Direction of travel", "6 month update", "Timeframe"] as const;
const COL = { ref: 0, action: 1, lead: 2, status: 3, rag: 4, direction: 5, update: 6, timeframe: 7 };

/**
 * A tracker of `rows` rows below the header (section headings, actions and their
 * sub-activity rows together), as an officer would have typed it.
 */
export function realisticTracker(rows: number, options: RealisticOptions = {}): RealisticTracker {
  const rnd = random(options.seed ?? rows);
  const width = REALISTIC_HEADER.length;
  const blank = (): CellValue[] => new Array(width).fill(null);
  const values: CellValue[][] = [
    ["Police and Crime Plan 2025-29: delivery tracker", ...blank().slice(1)],
    ["Key: RAG Red / Amber (or Yellow) / Green; direction of travel ↑ improved, ↓ deteriorated, ↔ no change", ...blank().slice(1)],
    blank(),
    [...REALISTIC_HEADER],
  ];
  const headerRow = values.length;
  const fills: (string | null)[][] = values.map(() => new Array(width).fill(null));
  const merges: MergedArea[] = [
    { top: 1, left: 1, bottom: 1, right: width },
    { top: 2, left: 1, bottom: 2, right: width },
  ];

  const zeroStatus = (): Record<Status | "Not set", number> => ({ Completed: 0, "In progress": 0, "On hold": 0, "Not yet started": 0, Closed: 0, "Not set": 0 });
  const expected: RealisticExpected = {
    actions: 0,
    subRows: 0,
    sections: 0,
    status: zeroStatus(),
    rag: { Red: 0, Amber: 0, Green: 0, Blue: 0, White: 0, "Not set": 0 },
    ragFromFill: 0,
    byTheme: {},
  };

  const end = headerRow + rows;
  // A section about every 120 rows, the themes in turn (so a theme has several sections).
  const sectionEvery = 120;
  let nextSection = headerRow + 1;
  let themeIndex = -1;
  let theme = "";
  let prefix = "V";
  const numbers = new Map<string, number>();
  const push = (row: CellValue[], fill: (string | null)[] = new Array(width).fill(null)) => {
    values.push(row);
    fills.push(fill);
  };

  while (values.length < end) {
    const sheetRow = values.length + 1;
    if (sheetRow >= nextSection) {
      themeIndex = (themeIndex + 1) % REALISTIC_THEMES.length;
      theme = REALISTIC_THEMES[themeIndex];
      prefix = "VTSRCKJP"[themeIndex];
      expected.sections++;
      expected.byTheme[theme] ??= zeroStatus();
      push([theme, ...blank().slice(1)]);
      merges.push({ top: sheetRow, left: 1, bottom: sheetRow, right: width });
      nextSection = sheetRow + sectionEvery;
      continue;
    }

    // References run on through a theme's sections: V1, V2 … and its sub-activities V2.1, V2.2.
    const n = (numbers.get(prefix) ?? 0) + 1;
    numbers.set(prefix, n);
    const id = `${prefix}${n}`;
    // Statuses: about 40% complete, 45% in progress, 5% on hold, 9% not started, 1% blank.
    const roll = rnd();
    const status: Status | null = roll < 0.4 ? "Completed" : roll < 0.85 ? "In progress" : roll < 0.9 ? "On hold" : roll < 0.99 ? "Not yet started" : null;
    const statusText = status ? weighted(rnd, REALISTIC_STATUS_SPELLINGS[status]) : null;
    const ragKind: "Red" | "Amber" | "Green" =
      status === "Completed" ? "Green" : status === "Not yet started" ? (rnd() < 0.5 ? "Amber" : "Red") : weighted(rnd, [["Green", 6], ["Amber", 3], ["Red", 1]] as [typeof ragKind, number][]);
    const fillOnly = rnd() < 0.12;
    const ragText = fillOnly ? null : weighted(rnd, REALISTIC_RAG_SPELLINGS[ragKind]);
    const action = `${prose(rnd, 150, 300, () => `${pick(rnd, OPENINGS)} ${pick(rnd, VERBS)} ${pick(rnd, OBJECTS)}, ${pick(rnd, CLAUSES)}.`)}`;
    const update = prose(rnd, 300, 800, () => pick(rnd, UPDATES));
    const row: CellValue[] = [id, action, pick(rnd, REALISTIC_LEADS), statusText, ragText, pick(rnd, DIRECTIONS), update, pick(rnd, TIMEFRAMES)];
    const fill: (string | null)[] = new Array(width).fill(null);
    if (fillOnly) fill[COL.rag] = pick(rnd, RAG_FILLS[ragKind]);
    push(row, fill);

    expected.actions++;
    expected.status[status ?? "Not set"]++;
    expected.rag[ragKind]++;
    if (fillOnly) expected.ragFromFill++;
    expected.byTheme[theme][status ?? "Not set"]++;

    // Sub-activity rows ("V12.1 …"): none for most actions, up to three for some.
    const subRoll = rnd();
    const subs = subRoll < 0.8 ? 0 : subRoll < 0.92 ? 1 : subRoll < 0.98 ? 2 : 3;
    const room = Math.min(subs, end - values.length, nextSection - (values.length + 1));
    if (room <= 0) continue;
    // One group in twenty has its reference merged down over its sub-rows (as Cambridgeshire's are).
    const mergedRef = rnd() < 0.05;
    if (mergedRef) merges.push({ top: sheetRow, left: COL.ref + 1, bottom: sheetRow + room, right: COL.ref + 1 });
    for (let s = 1; s <= room; s++) {
      const sub = blank();
      sub[COL.action] = `${id}.${s} ${prose(rnd, 100, 220, () => `${pick(rnd, VERBS)} ${pick(rnd, OBJECTS)}, ${pick(rnd, CLAUSES)}.`)}`;
      sub[COL.update] = prose(rnd, 150, 400, () => pick(rnd, UPDATES));
      push(sub);
      expected.subRows++;
    }
  }
  return { grid: { name: options.name ?? "Delivery tracker", firstRow: 1, firstColumn: 1, values, merges, fills }, expected, headerRow };
}
