// The house layout as the code base already wrote it: no semicolons, single quotes, long lines.
/** @type {import('prettier').Config} */
export default {
  semi: false,
  singleQuote: true,
  printWidth: 200,
  trailingComma: 'all',
  arrowParens: 'always',
}
