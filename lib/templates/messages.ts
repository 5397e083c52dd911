// The template engine's texts a person reads — lint findings, render errors, how a recipient's
// language resolves — by key: the English wording the CLI, the API and the logs use, and the key
// under "templateLint" in the console's catalogs (messages/*.json), which the console shows in the
// reader's language. Each text is valid ICU: literal braces, `${…}` placeholders and `<tags>` are
// never written into a text but passed as values, so a plain {name} fill gives the same English
// as the catalog. lib/templates/messages.test.ts holds the English catalog to exactly these texts.
export const TEMPLATE_LINT = {
  // Properties syntax (properties.ts)
  invalidUtf8Bytes: "Line {line}, column {column}: invalid UTF-8 (bytes {bytes} at byte {at}). Templates must be saved as UTF-8.",
  invalidUtf8Truncated: "Line {line}, column {column}: invalid UTF-8 (truncated sequence {bytes} at byte {at}). Templates must be saved as UTF-8.",
  malformedUnicodeEscape:
    'Line {line}, column {column}: malformed \\uXXXX escape "{escape}": \\u must be followed by exactly four hexadecimal digits (0-9, A-F). Java\'s Properties.load rejects the whole file here; write "\\\\u" for a literal backslash followed by u.',
  byteOrderMark:
    "The file starts with a byte order mark (U+FEFF). Java's Properties reader keeps it as part of the first key, so that key will not match. Save the file as UTF-8 without BOM.",
  continuationStartsWithCommentChar: 'Line {line} continues the line above, so "{char}" does not start a comment here; the text is part of the value of "{key}".',
  commentEndsWithBackslash: "A comment line never continues: the backslash at its end is ignored and the next line is read on its own.",
  blankContinuationLine:
    "This backslash continues the value onto line {blank}, but that line is blank, so the value ends here and line {next} starts a new key. Remove the backslash or the blank line.",
  duplicateKey: 'Key "{key}" is defined again on line {line}; this definition is ignored (the last one wins).',
  escapedSpaceAtLineEnd:
    "The backslash near the end of this line is followed by white space, so it escapes that space and does not continue the line. If a continuation was meant, remove the trailing white space.",
  // Template files (lint.ts)
  unknownKey: 'Unknown key "{key}": a template uses only {keys}; this text is never sent.',
  unknownKeyHint: 'Unknown key "{key}": a template uses only {keys}; this text is never sent. Did you mean "{hint}"?',
  missingKey: 'Missing key "{key}": every template needs {keys} (the body is header + message + footer).',
  missingKeyBehindBom: 'Missing key "{key}": the byte order mark at the start of the file makes Java read it as "\\uFEFF{key}".',
  multilineVariableInSubject: "{placeholder} usually spans several lines; in the subject its line breaks become spaces.",
  unknownVariableHint: "Unknown variable {placeholder} for {family} templates; it is sent as written. Did you mean {hint}?",
  unknownVariableKnown: "Unknown variable {placeholder} for {family} templates; it is sent as written. Known variables: {known}.",
  malformedPlaceholder: '"{text}" is not a placeholder: write {example} with no spaces, and close it with "{brace}". It is sent as written.',
  subjectLineBreak: "The subject contains a line break; an email subject is a single line (it would be sent with a space instead).",
  subjectEscapedLineBreak: "The subject contains an escaped line break; an email subject is a single line (it would be sent with a space instead).",
  emptySubject: "The subject is empty.",
  // Rendering (render.ts)
  renderMissingKey: 'The template has no "{key}" key.',
  renderSubjectLineBreak: "The subject contains a line break; an email subject is one line, so it is sent with spaces instead.",
  renderValueLineBreak: "A value inserted into the subject contains a line break; it is sent with spaces instead.",
  // HTML (html-lint.ts)
  htmlUnknownVariableLayout: "{placeholder} is not known in the layout: it is shared by every family, so only {content} is replaced there.",
  htmlUnknownVariable: "{placeholder} is not a {family} variable; it would be left as written.",
  htmlMalformedPlaceholder: '"{text}" is not a complete placeholder; write {example}.',
  htmlLayoutContentMissing: "The layout needs {content} where each email's body goes.",
  htmlLayoutContentRepeated: "{content} appears {count} times; it must appear once.",
  htmlPlaceholderInTag:
    '{placeholder} stands inside a tag, not in an attribute value; put it in quotes as a value (only letters, digits, ".", "-" and "_" of it are kept).',
  htmlPlaceholderUnquoted: "Quote the attribute value around {placeholder}.",
  htmlScript: "{tag} is not allowed: no mail client runs it, and the console never will.",
  htmlEventHandler: 'The event handler {attribute}="…" is not allowed in an email.',
  htmlScriptUrl: '{attribute}="{value}" is a script URL; use an http(s) link.',
  htmlImageWithoutAlt: "This image has no alt text: many clients block images, and screen readers read alt.",
  htmlRemoteImage:
    "Remote image: most clients block it until the reader allows it, and loading it tells the server who opened the mail. Prefer a data: image or none.",
  htmlRemoteStylesheet: "Remote stylesheet (web font): most clients ignore it; use a font stack of system fonts.",
  htmlRemoteFont: "Remote font or stylesheet: most clients ignore it; use a font stack of system fonts.",
  htmlClosesNothing: "{closeTag} closes nothing: there is no open {openTag}.",
  htmlNotClosedBefore: "{openTag} is not closed before {closeTag}.",
  htmlNeverClosed: "{openTag} is never closed.",
  htmlTooLarge: "The HTML is {size} KB; Gmail clips messages above about 102 KB (limit here: 100 KB).",
  htmlTooLargeWithLayout: "The HTML is {size} KB with the layout; Gmail clips messages above about 102 KB (limit here: 100 KB).",
  // Which template a recipient gets (resolve.ts)
  resolveExact: 'Template in "{lang}".',
  resolveNormalized: '"{requested}" is read as "{lang}"; template in "{lang}".',
  resolveNotRequested: "No language requested",
  resolveInvalid: '"{requested}" is not an ISO 639-1 language',
  resolveNotAvailable: 'No template in "{lang}"',
  resolveFallback: '{because}; using "{lang}".',
  resolveDefaultMissing: '{because}, and no template in the default language "{default}"; using "{lang}".',
  resolveNoTemplates: "{because}, and the family has no templates.",
} as const;

export type TemplateLintKey = keyof typeof TEMPLATE_LINT;
export type TemplateMessageValues = Record<string, string | number>;

/** A text by key with its values: what the console translates; `message` is its English. */
export interface TemplateMessage {
  key: TemplateLintKey;
  values: TemplateMessageValues;
}

/** The English text of a key with its {placeholders} filled. */
export function templateText(key: TemplateLintKey, values: TemplateMessageValues = {}): string {
  return TEMPLATE_LINT[key].replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

/** `${name}` as a template writes it (passed as a value: ICU texts never contain it literally). */
export const placeholderOf = (name: string): string => "${" + name + "}";
