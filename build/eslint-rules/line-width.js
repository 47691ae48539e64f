// No line longer than 120 characters (Prettier's printWidth, .prettierrc.json). Prettier breaks
// code but leaves long strings, template literals and comments as they are: this rule catches what it
// cannot fix, so a reader never scrolls sideways.
export const MAX_WIDTH = 120;

export const lineWidth = {
  meta: { type: 'layout', docs: { description: `No line longer than ${MAX_WIDTH} characters` }, schema: [] },
  create(context) {
    return {
      Program() {
        const lines = context.sourceCode.lines;
        for (let i = 0; i < lines.length; i++) {
          const width = [...lines[i]].length; // characters, not UTF-16 units
          if (width > MAX_WIDTH) {
            context.report({
              loc: { start: { line: i + 1, column: MAX_WIDTH }, end: { line: i + 1, column: lines[i].length } },
              message: `This line is ${width} characters long; the limit is ${MAX_WIDTH}. Break the string or comment.`,
            });
          }
        }
      },
    };
  },
};
