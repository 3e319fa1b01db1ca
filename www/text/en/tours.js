// The words of fetching a tour (www/tours.js): why it could not be had, as a
// clause the caller puts into its own sentence.

export default {
  noSuchTour: (key) => `there is no tour called "${key}"`,
  serverAnswered: (status, path) => `the server answered ${status} for ${path}`,
  couldNotFetch: (key, why) => `the tour "${key}" could not be fetched (${why}); check the connection and pick it again`,
};
