// Method and event names of the reports part of the contract, zod-free for the preload; names.ts spreads them in.

export const REPORTS_METHOD_NAMES = ['generateImplementationLog', 'generateWorkspaceReport', 'exportHtmlReport'] as const;

export const REPORTS_EVENT_NAMES = [] as const;
