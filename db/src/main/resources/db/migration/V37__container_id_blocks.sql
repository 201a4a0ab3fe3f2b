-- Container ids in blocks of 50 (issue 16): the controller takes 50 ids per nextval (Hibernate's pooled
-- optimizer, Container's allocationSize) and so can insert a scale's 1,000 rows in a few batched statements
-- instead of one INSERT ... RETURNING each. Safe on a database in use: a nextval after this returns the last
-- value plus 50, and the controller uses the 50 ids up to it, all above any id given so far; an INSERT that
-- takes the column's default (nextval) gets the top of a block of its own, which no controller hands out.
ALTER SEQUENCE containers_id_seq INCREMENT BY 50;
