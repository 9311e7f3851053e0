import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.

/**
 * Replicas share each tenant's sending ceiling: one token bucket row per tenant and platform,
 * refilled and drawn from under its row lock (the database's clock is the one every replica
 * agrees on). Rows of one person claimed by one replica at a time keep the per-conversation
 * limit too: a small partial index answers "is this recipient in another replica's hands".
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on today's types.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table send_budgets (
    tenant_id text not null,
    scope text not null,
    tokens double precision not null,
    granted integer not null default 0,
    refilled_at timestamptz not null,
    primary key (tenant_id, scope)
  )`.execute(db);
  // One round trip draws for every tenant a replica is short of: rows are locked in the order
  // given (callers sort them), so two replicas drawing for the same tenants never deadlock. The
  // refill is read from the clock once the row is locked. A bucket seen first starts full.
  await sql`create function draw_send_tokens(
      tenants text[], scopes text[], rates float8[], bursts float8[], wants int[])
    returns table (tenant text, scope_name text, granted_now int, tokens_left float8)
    language plpgsql as $$
    declare
      i int;
      held float8;
      since timestamptz;
      at timestamptz;
      level float8;
    begin
      for i in 1 .. coalesce(array_length(tenants, 1), 0) loop
        insert into send_budgets (tenant_id, scope, tokens, granted, refilled_at)
        values (tenants[i], scopes[i], bursts[i], 0, clock_timestamp())
        on conflict (tenant_id, scope) do nothing;
        select b.tokens, b.refilled_at into held, since
          from send_budgets b where b.tenant_id = tenants[i] and b.scope = scopes[i] for update;
        at := greatest(since, clock_timestamp());
        level := least(bursts[i], held + extract(epoch from at - since)::float8 * rates[i]);
        tenant := tenants[i];
        scope_name := scopes[i];
        granted_now := least(wants[i], greatest(0, floor(level)))::int;
        tokens_left := level - granted_now;
        update send_budgets b set tokens = tokens_left, granted = granted_now, refilled_at = at
         where b.tenant_id = tenants[i] and b.scope = scopes[i];
        return next;
      end loop;
    end
    $$`.execute(db);
  await sql`create index nudges_held_ix on nudges (tenant_id, recipient_id, claimed_by) where status = 'claimed'`.execute(
    db,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists nudges_held_ix`.execute(db);
  await sql`drop function if exists draw_send_tokens(text[], text[], float8[], float8[], int[])`.execute(db);
  await sql`drop table if exists send_budgets`.execute(db);
}
