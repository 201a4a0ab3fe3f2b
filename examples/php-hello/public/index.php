<?php
// The document root is public/ (composer.json's extra.heroku.document-root); classes come through composer's
// autoloader, which the build generates (nothing to download from packagist).
require __DIR__ . '/../vendor/autoload.php';

header('Content-Type: text/plain');
echo \Hello\Greeting::text(), "\n";
