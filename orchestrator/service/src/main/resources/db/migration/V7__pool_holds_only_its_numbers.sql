-- The number pool holds exactly the numbers no organization uses: AVAILABLE (in stock) or RELEASING (going back to
-- Twilio). A number an organization takes leaves the table; from then on its saga's data and its line's ai_config
-- say whose it is (issue 11). Rows marked ASSIGNED were a second record of numbers in use, and stayed behind when a
-- line's number was released at Twilio: the stats overcounted, the reconciler saw numbers twice, and a tenant's
-- credential could not be deleted.
--
-- Every ASSIGNED row goes. A number still in use is named by its line's ai_config, or by the data of the unfinished
-- saga that took it (whose undo gives it back to the pool as a new AVAILABLE row); one released at Twilio is gone.
-- A number Twilio still holds that nothing else names was lost track of before this migration: the reconciler
-- (ReconcileMain) now lists it as an orphan instead of the stale row hiding it.
delete from number_pool where status = 'ASSIGNED';
alter table number_pool drop column assigned_org_id;
alter table number_pool drop column assigned_at;
alter table number_pool add constraint number_pool_status check (status in ('AVAILABLE', 'RELEASING'));
