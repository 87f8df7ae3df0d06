// The request helper the route tests share: `as(user, method, url, payload?)` sends what the
// web app would, with that person's session cookie.
import type { HTTPMethods, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { TestUser } from './factories.ts';

/** A test app (TestApp, SyncTestApp): what it needs is its request. */
interface Requester {
  request(options: InjectOptions & { cookie?: string }): Promise<LightMyRequestResponse>;
}

/** `app` is read at each request: test files build their app in beforeAll. */
export function requestsAs(app: () => Requester) {
  return (user: TestUser, method: HTTPMethods, url: string, payload?: object) =>
    app().request({ method, url, cookie: user.cookie, ...(payload ? { payload } : {}) });
}
