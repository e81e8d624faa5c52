/**
 * The projector's QR base address: a `?base=` is accepted only when it is one of this server's own
 * addresses, so a crafted projector link cannot send witnesses and families elsewhere.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { baseQuery, hallBase, ownOrigins, publicBase } from '../../web/ceremony/urls.js';

function at(href: string): void {
  Object.defineProperty(globalThis, 'location', { value: new URL(href), configurable: true });
}
afterEach(() => {
  Reflect.deleteProperty(globalThis, 'location');
});

describe('projector QR base', () => {
  it('accepts the server’s own hall address, refuses any other', () => {
    at('http://localhost:8080/ceremony/E?base=http%3A%2F%2F192.168.1.20%3A8080');
    const own = ownOrigins(['192.168.1.20']);
    expect(own).toEqual(['http://localhost:8080', 'http://192.168.1.20:8080']);
    expect(publicBase(own)).toBe('http://192.168.1.20:8080');
    at('http://localhost:8080/ceremony/E?base=https%3A%2F%2Fevil.example');
    expect(publicBase(ownOrigins(['192.168.1.20']))).toBe('http://localhost:8080');
    at('http://localhost:8080/ceremony/E?base=http%3A%2F%2F192.168.1.21%3A8080');
    expect(publicBase(ownOrigins(['192.168.1.20']))).toBe('http://localhost:8080');
    // Before the server has answered (or without a staff session), only the page's own origin.
    at('http://localhost:8080/ceremony/E?base=http%3A%2F%2F192.168.1.20%3A8080');
    expect(publicBase()).toBe('http://localhost:8080');
  });

  it('gives the console’s projector link the hall address when the console runs at localhost, and the projector accepts it', () => {
    at('http://localhost:8080/console/events/E');
    const q = baseQuery(hallBase(['192.168.1.20']));
    expect(q).toBe('?base=http%3A%2F%2F192.168.1.20%3A8080');
    at(`http://localhost:8080/ceremony/E${q}`);
    expect(publicBase(ownOrigins(['192.168.1.20']))).toBe('http://192.168.1.20:8080');
    // Opened at the hall address already: the link needs nothing more.
    at('http://192.168.1.20:8080/console/events/E');
    expect(baseQuery(hallBase(['192.168.1.20']))).toBe('');
    // No hall network known: this origin, no query.
    at('http://localhost:8080/console/events/E');
    expect(baseQuery(hallBase([]))).toBe('');
  });
});
