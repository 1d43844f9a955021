-- Placeholder: number 0016 belongs to another branch of issue 18 (internal notes with
-- mentions). This branch (attachments, 0017) keeps it only so the numbers stay contiguous;
-- when the branches merge, that branch's 0016 replaces this file.
SELECT 1;
