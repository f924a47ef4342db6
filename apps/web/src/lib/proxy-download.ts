import 'server-only';
import { cookies, headers } from 'next/headers';
import { env } from '../env';

/** Streams a download from the API as the visitor (their session cookie), headers included. */
export async function proxyDownload(path: string): Promise<Response> {
  const jar = await cookies();
  const access = jar.get('dz_access')?.value;
  const forwarded = (await headers()).get('x-forwarded-for');
  const response = await fetch(`${env.API_URL}${path}`, {
    headers: {
      ...(access ? { cookie: `dz_access=${access}` } : {}),
      ...(forwarded ? { 'x-forwarded-for': forwarded } : {}),
    },
    cache: 'no-store',
  });
  const pass = new Headers();
  for (const name of ['content-type', 'content-disposition'])
    if (response.headers.get(name)) pass.set(name, response.headers.get(name) as string);
  return new Response(response.body, { status: response.status, headers: pass });
}
