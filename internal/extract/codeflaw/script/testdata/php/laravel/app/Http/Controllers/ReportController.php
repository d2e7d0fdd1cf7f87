<?php
// Fixture: a Laravel controller (SQL injection, path traversal, SSRF). Exercises Request parameters and
// $request->input()/query(), DB::select with interpolation, response()->download, the Http client, and the
// safe forms: bindings and $request->integer().
// Right answer: index, download and import are flawed; mine and yearly are safe.

namespace App\Http\Controllers;

use Illuminate\Http\Request;
use Illuminate\Support\Facades\DB;
use Illuminate\Support\Facades\Http;

class ReportController extends Controller
{
    public function index(Request $request)
    {
        $owner = $request->input('owner');
        return DB::select("SELECT * FROM reports WHERE owner = '$owner'"); // want: sql-injection
    }

    public function mine(Request $request)
    {
        return DB::select('SELECT * FROM reports WHERE owner = ?', [$request->input('owner')]); // safe: a binding
    }

    public function yearly(Request $request)
    {
        $year = $request->integer('year', 2024);
        return DB::select("SELECT * FROM reports WHERE year = $year"); // safe: an integer
    }

    public function download(Request $request)
    {
        return response()->download(storage_path('reports/' . $request->query('file'))); // want: path-traversal
    }

    public function import(Request $request)
    {
        $response = Http::timeout(5)->get($request->input('source')); // want: ssrf
        $feed = Http::get($request->input('feed_url')); // want: ssrf
        return ['rows' => count($feed->json())];
    }
}
