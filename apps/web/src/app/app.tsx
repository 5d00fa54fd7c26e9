import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { Navigate, RouterProvider, createBrowserRouter } from 'react-router';
import { useAuth } from '../auth/auth-store';
import { ErrorPage } from './error-page';
import { Layout } from './layout';
import { RequireAuth } from './require-auth';

// Pages load on demand: the first screen ships only what it shows.
const FrontPage = lazy(() => import('../home/front-page'));
const CatalogRoute = lazy(() => import('../catalog/catalog-route'));
const SignInPage = lazy(() => import('../auth/sign-in-page'));
const SignUpPage = lazy(() => import('../auth/sign-up-page'));
const AccountPage = lazy(() => import('../auth/account-page'));
const DashboardPage = lazy(() => import('../sessions/dashboard-page'));
const NewSessionPage = lazy(() => import('../sessions/new-session-page'));
const JoinPage = lazy(() => import('../sessions/join-page'));
const RoomPage = lazy(() => import('../room/room-page'));
const FeedbackPage = lazy(() => import('../feedback/feedback-page'));
const HistoryPage = lazy(() => import('../history/history-page'));
const TimelinePage = lazy(() => import('../history/timeline-page'));
const DrillsPage = lazy(() => import('../drills/drills-page'));
const MapDrillPage = lazy(() => import('../drills/map-drill-page'));
const StoryDrillPage = lazy(() => import('../drills/story-drill-page'));
const RestraintDrillPage = lazy(() => import('../drills/restraint-drill-page'));
const DrillResultPage = lazy(() => import('../drills/drill-result-page'));
const ProgressPage = lazy(() => import('../history/progress-page'));
const SharedProgressPage = lazy(() => import('../history/shared-progress-page'));
const InterviewerProfilePage = lazy(() => import('../profile/interviewer-profile-page'));
const NotFoundPage = lazy(() => import('./not-found-page'));

function Home() {
  return useAuth() ? <Navigate to="/dashboard" replace /> : <FrontPage />;
}

export const routes: RouteObject[] = [
  {
    element: <Layout />,
    // A page that fails to load or to draw is replaced by this one, under the same header.
    errorElement: (
      <Layout>
        <ErrorPage />
      </Layout>
    ),
    children: [
      { path: '/', element: <Home /> },
      { path: '/catalog', element: <CatalogRoute /> },
      { path: '/signin', element: <SignInPage /> },
      { path: '/signup', element: <SignUpPage /> },
      { path: '/join/:token', element: <JoinPage /> },
      // Public: the link is the permission.
      { path: '/progress/:token', element: <SharedProgressPage /> },
      {
        element: <RequireAuth />,
        children: [
          { path: '/dashboard', element: <DashboardPage /> },
          { path: '/sessions/new', element: <NewSessionPage /> },
          { path: '/sessions/:id', element: <RoomPage /> },
          { path: '/sessions/:id/feedback', element: <FeedbackPage /> },
          { path: '/history', element: <HistoryPage /> },
          { path: '/history/:id', element: <TimelinePage /> },
          { path: '/drills', element: <DrillsPage /> },
          { path: '/drills/round-to-signal-map', element: <MapDrillPage /> },
          { path: '/drills/signal-balanced-story', element: <StoryDrillPage /> },
          { path: '/drills/primary-signal-restraint', element: <RestraintDrillPage /> },
          { path: '/drills/results/:id', element: <DrillResultPage /> },
          { path: '/progress', element: <ProgressPage /> },
          { path: '/profile', element: <InterviewerProfilePage /> },
          { path: '/account', element: <AccountPage /> },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

const router = createBrowserRouter(routes);

export function App() {
  return <RouterProvider router={router} />;
}

export default App;
