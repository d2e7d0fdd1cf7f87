<?php
// Fixture: integrations of an older PHP shop (several classes). Exercises php://input into unserialize, a
// forwarded-host header into Guzzle, a Symfony request bag, proc_open with a string and with an argument
// array, preg_replace with the /e modifier (PHP 5), create_function, pg_query, $wpdb, and Twig's
// createTemplate.
// Right answer: eight findings marked want; proc_open with an array, $wpdb->prepare and the Twig file
// template are safe.
use GuzzleHttp\Client;
use Symfony\Component\HttpFoundation\Request;

function import_order()
{
    $order = unserialize(file_get_contents('php://input')); // want: deserialization
    return $order;
}

function callback_ping()
{
    $client = new Client(['timeout' => 2]);
    $host = $_SERVER['HTTP_X_FORWARDED_HOST'];
    return $client->request('GET', "http://$host/ping")->getBody(); // want: ssrf
}

function thumbnail(Request $request)
{
    $size = $request->query->get('size');
    $proc = proc_open("convert in.png -resize $size out.png", [], $pipes); // want: command-injection
    return proc_close($proc);
}

function thumbnail_args(Request $request)
{
    $size = $request->query->get('size');
    $proc = proc_open(['convert', 'in.png', '-resize', $size, 'out.png'], [], $pipes); // safe: no shell, fixed program
    return proc_close($proc);
}

function bbcode()
{
    return preg_replace('/\[b\](.*?)\[\/b\]/e', '"<b>" . strtoupper("$1") . "</b>"', $_POST['comment']); // want: code-injection
}

function sorter()
{
    $cmp = create_function('$a, $b', 'return ' . $_POST['expr'] . ';'); // want: code-injection
    return $cmp;
}

function pg_orders($conn)
{
    return pg_query($conn, "SELECT * FROM orders WHERE ref = '" . $_GET['ref'] . "'"); // want: sql-injection
}

function wp_orders()
{
    global $wpdb;
    $status = $_GET['status'];
    $all = $wpdb->get_results("SELECT * FROM {$wpdb->prefix}orders WHERE status = '$status'"); // want: sql-injection
    $safe = $wpdb->get_results($wpdb->prepare("SELECT * FROM {$wpdb->prefix}orders WHERE status = %s", $status)); // safe: prepared
    return [$all, $safe];
}

function render_note(\Twig\Environment $twig)
{
    $tpl = $twig->createTemplate($_POST['note']); // want: template-injection
    $file = $twig->load('note.html.twig'); // safe: a template file
    return $tpl->render([]) . $file->render(['note' => $_POST['note']]);
}
