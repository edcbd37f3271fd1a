/**
 * Editor colours as CSS variables, so the light and dark themes restyle the editor
 * without rebuilding it.
 */
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorView } from '@codemirror/view';
import { tags } from '@lezer/highlight';

const promqlHighlight = HighlightStyle.define([
  { tag: tags.keyword, color: 'var(--hl-keyword)' },
  { tag: tags.function(tags.variableName), color: 'var(--hl-function)' },
  { tag: tags.labelName, color: 'var(--hl-label)' },
  { tag: tags.operator, color: 'var(--hl-operator)' },
  { tag: tags.modifier, color: 'var(--hl-keyword)' },
  { tag: tags.string, color: 'var(--hl-string)' },
  { tag: tags.number, color: 'var(--hl-number)' },
  { tag: tags.comment, color: 'var(--hl-comment)', fontStyle: 'italic' },
  { tag: tags.invalid, color: 'var(--hl-invalid)' },
  { tag: tags.variableName, color: 'var(--hl-metric)' },
]);

export const editorTheme = [
  syntaxHighlighting(promqlHighlight),
  EditorView.theme({
    '&': { backgroundColor: 'var(--bg-input)', color: 'var(--fg)', fontSize: '14px', borderRadius: '4px' },
    '&.cm-focused': { outline: '2px solid var(--focus)' },
    '.cm-content': { fontFamily: 'var(--mono)', padding: '6px 0', caretColor: 'var(--fg)' },
    '.cm-cursor': { borderLeftColor: 'var(--fg)' },
    '.cm-selectionBackground, &.cm-focused .cm-selectionBackground': { backgroundColor: 'var(--selection) !important' },
    '.cm-placeholder': { color: 'var(--fg-muted)' },
    '.cm-tooltip': { backgroundColor: 'var(--bg-panel)', color: 'var(--fg)', border: '1px solid var(--border)' },
    '.cm-tooltip-autocomplete ul li[aria-selected]': { backgroundColor: 'var(--accent)', color: 'var(--accent-fg)' },
    '.cm-completionInfo': { maxWidth: '420px', whiteSpace: 'pre-wrap' },
    '.cm-completionDetail': { color: 'var(--fg-muted)' },
    '.cm-diagnostic-error': { borderLeftColor: 'var(--error)' },
    '.cm-lintRange-error': { backgroundImage: 'none', textDecoration: 'wavy underline var(--error)', textUnderlineOffset: '3px' },
    '.cm-matchingBracket': { backgroundColor: 'var(--selection)' },
  }),
];
