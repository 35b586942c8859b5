-- The floor under booking creation: one bare INSERT of a booking-sized row, nothing else.
\set listing random(1, 100000000)
INSERT INTO bench_raw_bookings (listing, check_in, check_out, total, created_at)
VALUES (:listing, current_date + 30, current_date + 33, 30000, now());
