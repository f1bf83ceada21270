/**
 * The instant every whole-process test starts the CLI at (`GONGKAI_NOW`), so no test depends on
 * the day it runs. It is before the example's scheduled publication (hjxx-015, 2026-12-01 09:00)
 * and inside the official calendar that chinese-days knows.
 */
export const NOW = '2026-11-30T10:00:00+08:00'
/** The environment that sets it. */
export const NOW_ENV = { GONGKAI_NOW: NOW } as const
