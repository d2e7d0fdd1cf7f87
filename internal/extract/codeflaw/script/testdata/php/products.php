<?php
// Fixture: a product catalogue on mysqli and PDO (SQL injection). Exercises concatenation and interpolation
// into mysqli_query and PDO::query, and the safe forms: a prepared statement, an int cast and an in_array
// allow-list for ORDER BY.
// Right answer: the category and search queries are SQL injection; the other three are safe.
require __DIR__ . '/config.php';

$conn = mysqli_connect(DB_HOST, DB_USER, DB_PASS, DB_NAME);
$pdo = new PDO(DB_DSN, DB_USER, DB_PASS);

function by_category($conn)
{
    $result = mysqli_query($conn, "SELECT * FROM products WHERE category = '" . $_GET['category'] . "'"); // want: sql-injection
    return mysqli_fetch_all($result, MYSQLI_ASSOC);
}

function search(PDO $pdo)
{
    $term = $_GET['q'];
    return $pdo->query("SELECT * FROM products WHERE name LIKE '%$term%'")->fetchAll(); // want: sql-injection
}

function by_email(PDO $pdo)
{
    $stmt = $pdo->prepare('SELECT * FROM customers WHERE email = ?'); // safe: a placeholder
    $stmt->execute([$_POST['email']]);
    return $stmt->fetch();
}

function by_id($conn)
{
    $id = (int) $_GET['id'];
    return mysqli_query($conn, "SELECT * FROM products WHERE id = $id"); // safe: an int
}

function sorted(PDO $pdo)
{
    $sort = $_GET['sort'] ?? 'name';
    if (!in_array($sort, ['name', 'price', 'created_at'], true)) {
        http_response_code(400);
        exit;
    }
    return $pdo->query("SELECT * FROM products ORDER BY $sort")->fetchAll(); // safe: allow-listed
}
