-- Placeholder: number 0015 belongs to another branch of issue 18 (transfer and consult).
-- This branch (attachments, 0017) keeps it only so the numbers stay contiguous; when the
-- branches merge, that branch's 0015 replaces this file.
SELECT 1;
