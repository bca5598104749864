-- 备案情况: the deciding contract's last day (Asia/Shanghai calendar date; NULL when there is no
-- contract or it has no end). A contract stored 'filed' counts as expired from the day after it: the
-- estate_filings cube decides that at read time with its `asOf` param, so no number depends on when
-- a job ran. Existing rows read NULL until the next rebuild (`npm run rebuild`; `npm start` runs one).
ALTER TABLE estate_filing_facts ADD COLUMN contract_expires_on Nullable(Date) AFTER contract_status
