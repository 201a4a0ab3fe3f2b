<?php
require __DIR__ . '/../visits.php';
visits(false);
