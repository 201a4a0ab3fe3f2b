<?php
// Counts visits in the MySQL add-on attached as MYSQL_URL ('paas addons:create mysql'), with mysqli.
// GET / records a visit and answers "visits: N"; GET /count.php only counts. A database that cannot be reached
// answers 503 with the reason.
require __DIR__ . '/../visits.php';
visits(true);
