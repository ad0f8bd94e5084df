-- Claims order due timers by (fire_at, id). Many timers share one fire_at after a bulk schedule,
-- and an index on fire_at alone made every claim sort all of them before taking the first few.
DROP INDEX timer_ready;
CREATE INDEX timer_ready ON timer (fire_at, id) WHERE state = 'PENDING';
