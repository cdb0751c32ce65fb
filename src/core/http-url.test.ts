import { describe, expect, it } from 'vitest';
import { checkHttpUrl, httpUrl } from './http-url.js';

describe('checkHttpUrl / httpUrl', () => {
  it('accepts http and https, resolved against a base when given', () => {
    expect(httpUrl('http://localhost:5173/a?b=1')?.href).toBe('http://localhost:5173/a?b=1');
    expect(httpUrl('https://example.test')?.origin).toBe('https://example.test');
    expect(checkHttpUrl('/cart', 'http://localhost:3000/shop').url?.href).toBe('http://localhost:3000/cart');
  });

  it('says why anything else is refused', () => {
    expect(checkHttpUrl('javascript:alert(1)').error).toBe(
      'only http(s) URLs can be opened, not javascript:',
    );
    expect(checkHttpUrl('file:///etc/passwd').error).toBe('only http(s) URLs can be opened, not file:');
    expect(checkHttpUrl('not a url').error).toBe('not a URL: "not a url" (expected http://… or https://…)');
    expect(httpUrl('ftp://x')).toBeUndefined();
    // A long garbage string is quoted shortened, never whole.
    expect(checkHttpUrl('x'.repeat(5000)).error!.length).toBeLessThan(300);
  });
});
