<?php
// Outside the document root: only index.php and count.php are served.
function visits(bool $record): void
{
    header('Content-Type: text/plain');
    mysqli_report(MYSQLI_REPORT_ERROR | MYSQLI_REPORT_STRICT);
    try {
        $url = parse_url(getenv('MYSQL_URL') ?: '');
        if (!isset($url['host'], $url['user'], $url['pass'], $url['path'])) {
            throw new RuntimeException('MYSQL_URL is not set');
        }
        $db = mysqli_init();
        $db->options(MYSQLI_OPT_CONNECT_TIMEOUT, 4);
        $db->real_connect($url['host'], rawurldecode($url['user']), rawurldecode($url['pass']),
            ltrim($url['path'], '/'), $url['port'] ?? 3306);
        $db->query('CREATE TABLE IF NOT EXISTS visits (id INT AUTO_INCREMENT PRIMARY KEY,'
            . ' at TIMESTAMP DEFAULT CURRENT_TIMESTAMP)');
        if ($record) {
            $db->query('INSERT INTO visits () VALUES ()');
        }
        $n = $db->query('SELECT COUNT(*) FROM visits')->fetch_row()[0];
        echo "visits: $n\n";
    } catch (Throwable $e) {
        http_response_code(503);
        echo 'database unavailable: ', $e->getMessage(), "\n";
    }
}
