<?php
// Fixture: Laravel route closures (command injection). Exercises Route::get with a closure whose string
// route parameter is input, and an int parameter, which Laravel's route only matches for digits here.
// Right answer: the export closure is command injection; the invoice closure is safe.

use Illuminate\Support\Facades\Route;

Route::get('/export/{format}', function (string $format) {
    return shell_exec("convert /srv/report.pdf /tmp/report.$format"); // want: command-injection
});

Route::get('/invoices/{id}', function (int $id) {
    return shell_exec("pdftotext /srv/invoices/$id.pdf -"); // safe: an int
})->whereNumber('id');
