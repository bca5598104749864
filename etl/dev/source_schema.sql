-- DEVELOPMENT ONLY: mirrors the backend's Lucid migrations (backend/database/migrations 0001–0004:
-- the tables the ETL reads plus the estate_filing_states view) so the ETL can be developed and
-- tested in a private database without racing the backend's test runs on the shared one.
-- Tests never run this file. Apply with:
--   psql postgres://postgres@127.0.0.1:55432/postgres -c 'create database szpm_etl_dev'
--   psql postgres://postgres@127.0.0.1:55432/szpm_etl_dev -f etl/dev/source_schema.sql
create table if not exists regions (
  id serial primary key,
  parent_id int null references regions(id),
  level text not null check (level in ('city','district','street','community')),
  code text null,
  name text not null,
  district_id int null,
  street_id int null,
  sort int not null default 0
);
create table if not exists estates (
  id serial primary key,
  community_id int not null references regions(id),
  street_id int not null references regions(id),
  district_id int not null references regions(id),
  name text not null,
  address text not null,
  estate_type text not null,
  lng double precision,
  lat double precision,
  building_area numeric(14,2) not null default 0,
  house_count int not null default 0,
  household_count int not null default 0,
  company_name text,
  manager_name text,
  manager_phone text,
  has_committee boolean not null default false,
  committee_director text,
  has_party_org boolean not null default false,
  created_at timestamptz,
  updated_at timestamptz
);
create table if not exists filings (
  id serial primary key,
  estate_id int not null references estates(id),
  kind text not null check (kind in ('contract','assembly')),
  status text not null check (status in ('filed','expired','withdrawn')),
  document_no text not null,
  filed_on date not null,
  expires_on date null,
  version int not null default 1,
  created_by int null,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index if not exists filings_estate_id_kind_index on filings (estate_id, kind);
create table if not exists outbox_events (
  id bigserial primary key,
  topic text not null,
  entity_id bigint not null,
  payload jsonb not null,
  created_at timestamptz not null default now()
);
create table if not exists etl_watermarks (
  name text primary key,
  last_id bigint not null default 0,
  updated_at timestamptz not null default now()
);
create or replace view estate_filing_states as
select e.id as estate_id, e.name as estate_name,
       e.community_id, c.name as community_name,
       e.street_id, s.name as street_name,
       e.district_id, d.name as district_name,
       coalesce(fc.status, 'not_filed') as contract_status,
       fc.id as contract_filing_id, fc.document_no as contract_document_no,
       fc.filed_on as contract_filed_on, fc.expires_on as contract_expires_on,
       coalesce(fa.status, 'not_filed') as assembly_status,
       fa.id as assembly_filing_id, fa.document_no as assembly_document_no,
       fa.filed_on as assembly_filed_on
  from estates e
  join regions c on c.id = e.community_id
  join regions s on s.id = e.street_id
  join regions d on d.id = e.district_id
  left join lateral (
    select f.id, f.status, f.document_no, f.filed_on, f.expires_on from filings f
     where f.estate_id = e.id and f.kind = 'contract' and f.status in ('filed', 'expired')
     order by f.filed_on desc, f.id desc limit 1
  ) fc on true
  left join lateral (
    select f.id, f.status, f.document_no, f.filed_on from filings f
     where f.estate_id = e.id and f.kind = 'assembly' and f.status in ('filed', 'expired')
     order by f.filed_on desc, f.id desc limit 1
  ) fa on true;
