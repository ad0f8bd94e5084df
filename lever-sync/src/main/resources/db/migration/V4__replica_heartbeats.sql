-- Replicas that run work lanes, with the time each one last renewed its leases. A replica counts
-- the others seen within one lease duration and holds at most its share of the connected
-- installations, so that work spreads across replicas.
create table replica (
    id        text primary key,
    seen_at   timestamptz not null
);
