import { describe, expect, it } from 'vitest';

import { GateIdentity } from './gate-identity.js';
import type { IdentityPartOf, IdentityRules } from './identity.js';

class RouteIdentityError extends Error {
  constructor(
    readonly part: IdentityPartOf<'path'>,
    message: string,
  ) {
    super(message);
  }
}

const ROUTE_RULES: IdentityRules<'path'> = {
  noun: 'route',
  middle: 'path',
  createError: (part, _value, message) => new RouteIdentityError(part, message),
};

class Route extends GateIdentity<'path'> {
  readonly path: string;

  constructor(namespace: string, path: string, principal: string) {
    super(namespace, path, principal, ROUTE_RULES);
    this.path = path;
    Object.freeze(this);
  }
}

describe('GateIdentity', () => {
  it('stores the parts and the key', () => {
    const route = new Route('api', '/users', 'team:eng');

    expect(route.namespace).toBe('api');
    expect(route.path).toBe('/users');
    expect(route.principal).toBe('team:eng');
    expect(route.key).toBe('api:/users@team:eng');
    expect(String(route)).toBe('api:/users@team:eng');
  });

  it('leaves the subclass free to freeze', () => {
    expect(Object.isFrozen(new Route('api', '/users', 'global'))).toBe(true);
  });

  it('validates with the given rules', () => {
    try {
      new Route('api', '/users@v2', 'global');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RouteIdentityError);
      expect((error as RouteIdentityError).part).toBe('path');
      expect((error as Error).message).toMatch(/^Invalid route path /);
    }
  });

  it('equals compares all three parts', () => {
    const route = new Route('a', 'b', 'c');

    expect(route.equals(new Route('a', 'b', 'c'))).toBe(true);
    expect(route.equals(new Route('x', 'b', 'c'))).toBe(false);
    expect(route.equals(new Route('a', 'x', 'c'))).toBe(false);
    expect(route.equals(new Route('a', 'b', 'x'))).toBe(false);
  });
});
