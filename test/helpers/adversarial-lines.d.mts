/** Types of adversarial-lines.mjs (plain JavaScript so that bench/ can import it too). */
export declare const LINE_CHARS: number;
export declare const ADVERSARIAL_LINES: Readonly<Record<string, string>>;
