// The styles' lint: colours, shadows and shapes come from the tokens (renderer/src/styles/tokens.css) by name, and
// no rule or property is declared twice.

/** @type {import('stylelint').Config} */
export default {
  rules: {
    // Mistakes.
    'color-no-invalid-hex': true,
    'property-no-unknown': true,
    'unit-no-unknown': true,
    'selector-pseudo-class-no-unknown': true,
    'selector-pseudo-element-no-unknown': true,
    'declaration-block-no-shorthand-property-overrides': true,
    'custom-property-no-missing-var-function': true,
    'font-family-no-duplicate-names': true,
    'no-invalid-double-slash-comments': true,
    'block-no-empty': true,
    // Said once.
    'declaration-block-no-duplicate-properties': true,
    'declaration-block-no-duplicate-custom-properties': true,
    'no-duplicate-selectors': true,
    // A colour is a token: no literal colour outside tokens.css.
    'color-no-hex': true,
    'color-named': 'never',
    'function-disallowed-list': ['rgb', 'rgba', 'hsl', 'hsla', 'hwb', 'lab', 'lch', 'oklab', 'oklch'],
  },
  overrides: [
    {
      files: ['renderer/src/styles/tokens.css'],
      rules: { 'color-no-hex': null, 'function-disallowed-list': null },
    },
  ],
};
