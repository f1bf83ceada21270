/** Front-matter editing moved to `@gongkai/core/internal` so the console writes files the same way; kept here for the CLI's own imports. */
export { editFrontMatter } from '@gongkai/core/internal'
export type { FrontMatterChange } from '@gongkai/core/internal'
