<?php
// Which database extensions this PHP has: Apache Stratos's seed demo, for one, talks to MySQL with mysqli.
header('Content-Type: text/plain');
foreach (['mysqli', 'pdo_mysql', 'pgsql', 'pdo_pgsql'] as $extension) {
    echo $extension, ': ', extension_loaded($extension) ? 'loaded' : 'missing', "\n";
}
