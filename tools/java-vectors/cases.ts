// Hard cases for the Properties reader. Each becomes lib/templates/__vectors__/reader/<name>.properties
// (UTF-8, byte for byte as written here); PropertiesVectors.java then records what
// java.util.Properties.load makes of it. Line endings are spelled out (\n, \r\n, \r) on purpose.
//
// `error` is Herald's own expectation for files Java rejects: the 1-based line and column of the
// malformed escape (Java reports no position).

export interface ReaderCase {
  name: string;
  description: string;
  text: string;
  error?: { line: number; column: number };
}

const long = "x".repeat(8185);

export const READER_CASES: ReaderCase[] = [
  {
    name: "continuation-odd-backslashes",
    description: "1 and 3 trailing backslashes continue the line; leading white space of the next line is dropped",
    text: "a=one\\\n    two\nb=x\\\\\\\n\t y\nc=last\n",
  },
  {
    name: "continuation-even-backslashes",
    description: "2 and 4 trailing backslashes are escaped backslashes, no continuation",
    text: "a=one\\\\\n  b=two\\\\\\\\\nc=three\n",
  },
  {
    name: "continuation-five-backslashes",
    description: "5 trailing backslashes: two escaped backslashes plus a continuation",
    text: "k=v\\\\\\\\\\\n   w\n",
  },
  {
    name: "comment-ending-backslash",
    description: "a comment line ending in a backslash does not continue",
    text: "# comment \\\nkey=value\n! bang comment\\\nk2=v2\n#\\\n#\\\\\nk3=v3\n",
  },
  {
    name: "indented-comments",
    description: "comments after leading space, tab and form feed",
    text: "   # indented\n\t! tab\n\f# form feed\n \t\f# all\nkey=value\n",
  },
  {
    name: "hash-inside-values",
    description: "# and ! only start comments at the beginning of a logical line",
    text: "a=#not a comment\nb=x ! y # z\nc\\#=d\n\\#e=f\n\\!g=h\n",
  },
  {
    name: "continuation-line-starting-with-hash",
    description: "a continuation line starting with # is value text, not a comment",
    text: "a=one\\\n#two\\\n   !three\nb=2\n",
  },
  {
    name: "escaped-separators-in-key",
    description: "\\= \\: and \\  keep separators inside keys",
    text: "a\\=b=c\nd\\:e:f\ng\\ h i\nj\\\\=k\n\\ lead=x\nt\\\tab=y\n",
  },
  {
    name: "separators",
    description: "=, : and white space, with white space around them, and repeated separators",
    text:
      "k1=v1\nk2:v2\nk3 v3\nk4\tv4\nk5\fv5\nk6   =   v6\nk7 : v7\nk8 v8 = x\nk9==x\nk10 := y\nk11=:z\nk12 = = w\nk13 :\nk14\t\t:\t\tv14\n",
  },
  {
    name: "empty-keys",
    description: "lines starting with a separator define the empty key",
    text: "=first\n:second\n  = third with spaces\n",
  },
  {
    name: "keys-without-value",
    description: "a key alone, with a separator and nothing else, or with trailing white space",
    text: "lonely\nlonely2=\nlonely3:\nlonely4   \nlonely5 =   \n",
  },
  {
    name: "trailing-whitespace",
    description: "trailing white space of values is kept",
    text: "a=value   \nb=tab\t\nc=   \nd=ff\f\ne=both \t \n",
  },
  {
    name: "backslash-at-eof",
    description: "a continuation backslash at the very end of the file",
    text: "a=b\nc=d\\",
  },
  {
    name: "backslash-at-eof-newline",
    description: "a continuation backslash on the last line, followed by a newline",
    text: "a=b\\\n",
  },
  {
    name: "three-backslashes-at-eof",
    description: "an odd run at EOF drops only the last backslash",
    text: "key=value\\\\\\",
  },
  {
    name: "lone-backslash",
    description: "a file that is a single backslash: Java puts the empty key",
    text: "\\",
  },
  {
    name: "lone-backslash-newline",
    description: "a single backslash and a newline",
    text: "\\\n",
  },
  {
    name: "lone-backslash-then-blank",
    description: "a line with only a backslash, a blank line, then an entry",
    text: "\\\n\nk=v\n",
  },
  {
    name: "lone-backslash-then-comment",
    description: "a line with only a backslash followed by a comment line",
    text: "\\\n# comment\nk=v\n",
  },
  {
    name: "lone-backslash-last-line",
    description: "a backslash alone on the last line",
    text: "x=1\n\\",
  },
  {
    name: "blank-continuation-lines",
    description: "a continuation followed by an empty or white-space-only line ends the value",
    text: "a=one\\\n\nb=two\\\n   \nc=three\\\n\t\f\nd=four\\\n\n\ne=5\n",
  },
  {
    name: "blank-continuation-crlf",
    description: "the same with CRLF and CR",
    text: "a=one\\\r\n\r\nb=two\\\r \r\nc=3\\\r\rd=4\r\n",
  },
  {
    name: "continuation-at-eof-after-space",
    description: "a continuation followed only by white space at the end of file",
    text: "a=one\\\n   ",
  },
  {
    name: "cr-only",
    description: "old Mac line endings",
    text: "a=1\rb=2\\\r   c\r#x\rd=4\r\re=5",
  },
  {
    name: "crlf",
    description: "Windows line endings, with continuation and an empty value",
    text: "a=1\r\nb=2\\\r\n   3\r\n\r\nc=\r\n# comment\r\nd=x\\\\\r\ne=y",
  },
  {
    name: "mixed-line-endings",
    description: "LF, CRLF and CR in one file, with continuations across each",
    text: "a=1\nb=2\r\nc=3\rd=4\\\r\n e\\\n\tf\\\r g\n\n\r\r\nh=8",
  },
  {
    name: "lf-cr",
    description: "LF followed by CR counts as two line ends",
    text: "a=1\n\rb=2\\\n\r c\n",
  },
  {
    name: "whitespace-only-lines",
    description: "blank lines of spaces, tabs and form feeds",
    text: "   \n\t\t\n\f\n \f\t \nk=v\n   ",
  },
  {
    name: "form-feed-whitespace",
    description: "form feed is white space for Java",
    text: "\fkey\f=\fvalue\f\n\f\fk2\fv2\nk3=a\\\n\f\fb\n",
  },
  {
    name: "vertical-tab-not-whitespace",
    description: "\\v and NBSP are not white space for Java",
    text: "\u000bkey=value\n\u00a0k2=v2\nk3\u000bx=y\n",
  },
  {
    name: "known-escapes",
    description: "\\t \\n \\r \\f \\\\ in keys and values",
    text: "a=\\t\\n\\r\\f\\\\\nk\\ty\\nz=1\n",
  },
  {
    name: "unknown-escapes",
    description: "any other \\x is x",
    text: "a=\\q\\w\\e\\ \\#\\!\\=\\:\\\"\\'\nb=\\b\\a\\v\\0\\U0041\\x41\n\\k\\e\\y=\\$\\{x\\}\n",
  },
  {
    name: "unicode-escapes",
    description: "\\uXXXX in keys and values, lower and upper case hex, surrogate pairs",
    text: "\\u0041\\u00e9\\u00E9=\\uD83D\\uDE00 \\u65E5\\u672C\nlone=\\uD800x\\uDFFF\nnul=a\\u0000b\nsep\\u003dkey=v\\u000a\n",
  },
  {
    name: "unicode-escape-once",
    description: "\\u005c produces a backslash that is not processed again",
    text: "a=\\u005cu0041\nb=\\u005c\\u005c\n",
  },
  {
    name: "escaped-backslash-before-u",
    description: "\\\\u is an escaped backslash followed by u, never an error",
    text: "a=\\\\u12G\nb=\\\\uZZZZ\n",
  },
  {
    name: "raw-unicode",
    description: "raw UTF-8 text, astral characters and combining marks",
    text: "😀=日本語 🎉\nschlüssel=Größe\nko=한국어 알림\ncombining=e\u0301\nrtl=שלום\n",
  },
  {
    name: "byte-order-mark",
    description: "Java keeps a UTF-8 BOM as part of the first key",
    text: "\ufeffsubject=x\nheader=y\n",
  },
  {
    name: "duplicate-keys",
    description: "the last duplicate wins",
    text: "a=1\nb=2\na=3\nb\\\n=4\n",
  },
  {
    name: "separator-after-continuation",
    description: "a key continued onto the next line, the separator on the continuation",
    text: "key\\\n  =value\nke\\\n y=v\nk3\\\n \\ =x\n",
  },
  {
    name: "continuation-indent-chars",
    description: "tabs and form feeds in continuation indent are dropped",
    text: "a=1\\\n\t\f  2\\\n\f3\n",
  },
  {
    name: "cr-after-backslash-then-space",
    description: "backslash, CR, then a line with only a space, then CRLF",
    text: "a=1\\\r \r\nb=2",
  },
  {
    name: "comment-at-eof",
    description: "a comment without a final newline, and a comment continuing nothing",
    text: "a=1\n# end",
  },
  {
    name: "empty",
    description: "an empty file",
    text: "",
  },
  {
    name: "only-comments",
    description: "only comments and blank lines",
    text: "# a\n\n! b\n   \n",
  },
  {
    name: "long-lines",
    description: "lines across Java's 8192-char buffers, a CRLF split across the boundary",
    text: "a=" + long + "\r\nb=" + "y".repeat(9000) + "\\\n   z\nc=" + "w".repeat(20000) + "\n",
  },
  {
    name: "backslash-at-buffer-boundary",
    description: "a continuation backslash and its newline straddling the 8192-char boundary",
    text: "p=" + "q".repeat(8188) + "\\\n   r\ns=t\n",
  },
  {
    name: "aem-style-continuations",
    description: "AEM's layout: a space before each continuation backslash is part of the value",
    text: "message=first \\n \\\n \\n \\\n${modifications} \\n \\\n \\n\\n\nfooter=\\n \\\n---\\n \\\nbye.\n",
  },
  // Java rejects these (IllegalArgumentException: Malformed \uxxxx encoding.).
  {
    name: "malformed-u-short",
    description: "\\u with fewer than four characters left in the value",
    text: "a=\\u12\n",
    error: { line: 1, column: 3 },
  },
  {
    name: "malformed-u-nonhex",
    description: "a non-hex digit in \\uXXXX on line 3",
    text: "x=1\ny=2\nz=ab\\u12G4\n",
    error: { line: 3, column: 5 },
  },
  {
    name: "malformed-u-in-continuation",
    description: "the bad escape sits on the third natural line of a continued value",
    text: "a=ok\\\n  fine\\\n  bad \\uZZZZ\n",
    error: { line: 3, column: 7 },
  },
  {
    name: "malformed-u-in-key",
    description: "\\u in a key, cut short by the separator",
    text: "ok=1\nk\\u00=v\n",
    error: { line: 2, column: 2 },
  },
  {
    name: "malformed-u-at-eof",
    description: "\\u at the very end of the file",
    text: "a=1\nb=\\u",
    error: { line: 2, column: 3 },
  },
  {
    name: "malformed-u-crlf",
    description: "line counting with CRLF and CR before the bad escape",
    text: "a=1\r\nb=2\rc=3\\\r\n  \\u00XY\r\n",
    error: { line: 4, column: 3 },
  },
  {
    name: "malformed-u-in-comment-ignored",
    description: "escapes in comments are never decoded",
    text: "# \\uZZZZ\n! \\u\na=1\n",
  },
];

/** AEM's default English templates, copied byte for byte from the AEM 6.5 documentation. */
export const AEM_CASES: { name: string; description: string }[] = [
  { name: "aem-page-en", description: "AEM's default page event template (SPEC.md §3)" },
  { name: "aem-forum-en", description: "AEM's default forum template (seed document)" },
  { name: "aem-workflow-en", description: "AEM's default workflow template (seed document)" },
];
