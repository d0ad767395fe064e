import type { Kysely } from 'kysely';
import { execute } from './sql-helpers';

/**
 * Invoice numbers are assigned at commit (issue 6, bench:webhooks). Numbers stay gapless per
 * year, which needs the year's counter row-locked until the issuing transaction ends; taken in
 * the transaction (0003's way), every settlement that paid an order queued on that lock for its
 * remaining round trips and its commit. A deferred constraint trigger takes the number as the
 * transaction commits instead: the lock is held for microseconds, and a rollback still returns
 * nothing. Inside the issuing transaction a new document has no number yet; a number written
 * by the inserter is replaced (only the database numbers documents).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execute(
    db,
    'alter table invoices alter column number drop not null',
    'alter table invoices alter column year drop not null',
    'alter table invoices alter column seq drop not null',
    `alter table invoices add constraint invoices_number_complete
       check ((number is null) = (year is null) and (year is null) = (seq is null))`,
    `create function invoices_assign_number() returns trigger language plpgsql as $$
     declare
       issued_year integer := extract(year from now() at time zone 'UTC')::integer;
       next_seq integer;
     begin
       insert into invoice_sequences (year, last_value) values (issued_year, 1)
         on conflict (year) do update set last_value = invoice_sequences.last_value + 1
         returning last_value into next_seq;
       update invoices
          set year = issued_year,
              seq = next_seq,
              number = 'RH-' || issued_year || '-' || lpad(next_seq::text, 6, '0')
        where id = new.id;
       return null;
     end $$`,
    `create constraint trigger invoices_number_at_commit after insert on invoices
       deferrable initially deferred for each row execute function invoices_assign_number()`,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execute(
    db,
    'drop trigger invoices_number_at_commit on invoices',
    'drop function invoices_assign_number()',
    'alter table invoices drop constraint invoices_number_complete',
    'alter table invoices alter column seq set not null',
    'alter table invoices alter column year set not null',
    'alter table invoices alter column number set not null',
  );
}
