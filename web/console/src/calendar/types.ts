// Shapes of the calendar and deadline answers (src/modules/calendar/*.routes.ts on the server).

export interface CalendarDay {
  date: string;
  weekday: number;
  working: boolean;
  kind: 'holiday' | 'makeup';
  name?: string;
  /** 'national' (the State Council notices, or a notice imported for the platform or the agency) or 'agency' (an override). */
  source?: string;
}

export interface CalendarOverride {
  id: string;
  date: string;
  isOffDay: boolean;
  name: string;
  reason: string | null;
  createdBy: string;
  createdAt: string;
}

export interface CalendarYear {
  org: string | null;
  year: number;
  coveredYears: number[];
  days: CalendarDay[];
  overrides: CalendarOverride[];
}

export interface ImportedNotice {
  id: string;
  scope: string;
  year: number;
  papers: string[];
  days: number;
  importedAt: string;
  importedBy: string;
}

export interface HolidayNotice {
  year: number;
  papers: string[];
  days: { name: string; date: string; isOffDay: boolean }[];
}

export interface DeadlineResult {
  status: 'running' | 'paused';
  start: string;
  totalWorkingDays: number;
  countedWorkingDays: number;
  dueDate: string | null;
  pausedWorkingDays: number;
  holidays: { name: string; from: string; to: string; days: number }[];
  makeupDays: { date: string; name: string }[];
  pauses: { from: string; to: string | null; reason: string; workingDays: number }[];
  extensions: { date: string; days: number; reason: string; approver: string }[];
  steps: string[];
}

export interface DeadlineSummary {
  id: string;
  org: string;
  label: string;
  subjectType: string;
  subjectId: string | null;
  status: 'running' | 'paused';
  dueDate: string | null;
  remainingWorkingDays: number | null;
  overdue: boolean;
  createdAt: string;
  closedAt: string | null;
}

export interface DeadlineEventRecord {
  seq: number;
  type: string;
  date?: string;
  from?: string;
  workingDays?: number;
  days?: number;
  reason?: string;
  approver?: string;
  recordedBy: string;
  recordedAt: string;
}

export interface DeadlineDetail extends DeadlineSummary {
  state: 'open' | 'closed';
  result: DeadlineResult;
  events: DeadlineEventRecord[];
  changes: { at: string; cause: string; beforeDue: string | null; afterDue: string | null }[];
  version: number;
}

/** An event as the deadline API and the calculator take it. */
export type DeadlineEventInput =
  | { type: 'pause'; date: string; reason: string }
  | { type: 'resume'; date: string }
  | { type: 'extend'; date: string; days: number; reason: string; approver: string }
  | { type: 'restart'; date: string; reason: string };
