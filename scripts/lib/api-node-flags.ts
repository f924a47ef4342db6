/**
 * The V8 old-space limit the API runs with in production (deploy/docker/api.Dockerfile's CMD;
 * test/deploy.test.ts checks that the two agree), which the scripts that measure the API use too.
 * The API's live heap under load is about 90 MB; without a limit V8 lets its heap grow to 290-310
 * MB and the process's RSS to 300-430 MB. With 192 MB, RSS stays at 200-245 MB at the same CPU per
 * answer (BENCHMARKS.md, session 21). Reports are imported a piece at a time, so that no upload
 * (up to 50 MB) needs a heap of its size.
 */
export const API_HEAP_MB = 192;

/**
 * The API's environment for glibc's allocator (the Dockerfile's ENV, checked by the same test):
 * two malloc arenas instead of one per thread. Argon2 hashes sign-ins in libuv's threads with
 * 19 MB each, which each thread's own arena kept: under reliability:load's mix (sign-ins among
 * the searches) the API's RSS was 326-335 MB with them, 281-308 MB with two, at the same ceiling
 * (BENCHMARKS.md, session 22).
 */
export const API_MALLOC_ENV = { MALLOC_ARENA_MAX: '2' } as const;
