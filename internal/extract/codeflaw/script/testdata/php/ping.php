<?php
// Fixture: a network tools page (command injection). Exercises system with concatenation, shell_exec with an
// interpolated string, backticks, and escapeshellarg.
// Right answer: ping, nslookup and whois are command injection; traceroute is safe.

function ping_host(): string
{
    ob_start();
    system("ping -c 1 " . $_GET['host']); // want: command-injection
    return ob_get_clean();
}

function nslookup(): string
{
    return shell_exec("nslookup {$_POST['domain']}"); // want: command-injection
}

function whois(): string
{
    $domain = $_REQUEST['domain'];
    return `whois $domain`; // want: command-injection
}

function traceroute(): string
{
    $host = escapeshellarg($_GET['host']);
    return shell_exec("traceroute -m 5 $host"); // safe: escapeshellarg
}

switch ($_GET['tool'] ?? '') {
    case 'ping':
        echo ping_host();
        break;
    case 'nslookup':
        echo nslookup();
        break;
    case 'whois':
        echo whois();
        break;
    default:
        echo traceroute();
}
